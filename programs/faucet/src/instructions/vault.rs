use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, TransferChecked};

use crate::state::Faucet;

/// Accounts of a transfer out of a faucet's vault, which the faucet PDA signs for.
pub struct VaultTransfer<'a, 'info> {
    pub faucet: &'a Account<'info, Faucet>,
    pub vault: AccountInfo<'info>,
    pub mint: AccountInfo<'info>,
    pub destination: AccountInfo<'info>,
    pub token_program: Pubkey,
    /// Decimals of `mint`, checked by `transfer_checked`.
    pub decimals: u8,
}

/// Moves `amount` base units from the vault to `destination` with `transfer_checked`, signed
/// with the faucet's seeds and stored bump.
pub fn transfer_from_vault(transfer: VaultTransfer, amount: u64) -> Result<()> {
    let faucet_id = transfer.faucet.faucet_id.to_le_bytes();
    let signer_seeds = transfer.faucet.signer_seeds(&faucet_id);
    let signers: &[&[&[u8]]] = &[&signer_seeds];
    let accounts = TransferChecked {
        from: transfer.vault,
        mint: transfer.mint,
        to: transfer.destination,
        authority: transfer.faucet.to_account_info(),
    };
    token_interface::transfer_checked(
        CpiContext::new_with_signer(transfer.token_program, accounts, signers),
        amount,
        transfer.decimals,
    )
}
