use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, CloseAccount, Mint, TokenAccount, TokenInterface};

use crate::constants::FAUCET_SEED;
use crate::error::FaucetError;
use crate::events::FaucetClosed;
use crate::instructions::vault::{transfer_from_vault, VaultTransfer};
use crate::log::emit_event;
use crate::mint_extensions::withheld_fees;
use crate::state::Faucet;
use anchor_lang::solana_program::program::invoke;
use anchor_spl::token_2022::spl_token_2022::extension::transfer_fee::instruction::harvest_withheld_tokens_to_mint;

#[derive(Accounts)]
pub struct CloseFaucet<'info> {
    /// Receives the rent of the faucet and of the vault.
    #[account(mut)]
    pub authority: Signer<'info>,

    #[account(
        mut,
        close = authority,
        seeds = [FAUCET_SEED, faucet.mint.as_ref(), faucet.creator.as_ref(), &faucet.faucet_id.to_le_bytes()],
        bump = faucet.bump,
        has_one = authority @ FaucetError::Unauthorized,
        has_one = mint,
        has_one = vault,
        has_one = token_program,
    )]
    pub faucet: Box<Account<'info, Faucet>>,

    /// Writable because Token-2022 harvests the vault's withheld transfer fees into it.
    #[account(mut)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// Faucet vault, emptied and closed.
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    /// Any token account of the faucet's mint. Receives what is left in the vault.
    #[account(mut, token::mint = mint, token::token_program = token_program)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,

    pub token_program: Interface<'info, TokenInterface>,
}

/// Empties the vault into `destination`, closes the vault and the faucet, and returns their rent
/// to the authority. Claim records are left in place, so a faucet created again at the same
/// address keeps each claimer's last claim time and cooldown.
///
/// Errors: `Unauthorized`, `OutstandingAccruedCredit` while accrual-mode claimers still have
/// credit to withdraw.
pub fn handler(ctx: Context<CloseFaucet>) -> Result<()> {
    let accounts = ctx.accounts;
    require!(
        accounts.faucet.accrued_outstanding == 0,
        FaucetError::OutstandingAccruedCredit
    );
    let now = Clock::get()?.unix_timestamp;
    let amount = accounts.vault.amount;

    let token_program = accounts.token_program.key();
    if amount > 0 {
        transfer_from_vault(
            VaultTransfer {
                faucet: &accounts.faucet,
                vault: accounts.vault.to_account_info(),
                mint: accounts.mint.to_account_info(),
                destination: accounts.destination.to_account_info(),
                token_program,
                decimals: accounts.mint.decimals,
            },
            amount,
        )?;
    }
    // Token-2022 refuses to close an account that still withholds transfer fees (those a fee
    // mint took when the vault was funded). Harvesting them to the mint is permissionless.
    if withheld_fees(&accounts.vault.to_account_info())? > 0 {
        let vault_key = accounts.vault.key();
        let harvest =
            harvest_withheld_tokens_to_mint(&token_program, &accounts.mint.key(), &[&vault_key])?;
        invoke(
            &harvest,
            &[
                accounts.mint.to_account_info(),
                accounts.vault.to_account_info(),
            ],
        )?;
    }
    let faucet_id = accounts.faucet.faucet_id.to_le_bytes();
    let signer_seeds = accounts.faucet.signer_seeds(&faucet_id);
    let signers: &[&[&[u8]]] = &[&signer_seeds];
    let close = CloseAccount {
        account: accounts.vault.to_account_info(),
        destination: accounts.authority.to_account_info(),
        authority: accounts.faucet.to_account_info(),
    };
    token_interface::close_account(CpiContext::new_with_signer(token_program, close, signers))?;

    emit_event(&FaucetClosed {
        faucet: accounts.faucet.key(),
        authority: accounts.authority.key(),
        destination: accounts.destination.key(),
        amount,
        timestamp: now,
    });
    Ok(())
}
