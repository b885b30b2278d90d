use anchor_lang::prelude::*;
use anchor_spl::token_interface::{self, Mint, TokenAccount, TokenInterface, TransferChecked};

use crate::constants::FAUCET_SEED;
use crate::error::FaucetError;
use crate::events::FaucetFunded;
use crate::log::emit_event;
use crate::mint_extensions::transfer_fee;
use crate::state::Faucet;

#[derive(Accounts)]
pub struct Fund<'info> {
    /// Owner (or delegate) of `source`. Anyone may fund any faucet.
    pub funder: Signer<'info>,

    #[account(
        seeds = [FAUCET_SEED, faucet.mint.as_ref(), faucet.creator.as_ref(), &faucet.faucet_id.to_le_bytes()],
        bump = faucet.bump,
        has_one = mint,
        has_one = vault,
        has_one = token_program,
    )]
    pub faucet: Box<Account<'info, Faucet>>,

    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// Faucet vault, credited.
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    /// Funder's token account of the faucet's mint, debited.
    #[account(mut, token::mint = mint, token::token_program = token_program)]
    pub source: Box<InterfaceAccount<'info, TokenAccount>>,

    pub token_program: Interface<'info, TokenInterface>,
}

/// Moves `amount` base units from `source` into the vault. With a Token-2022 transfer fee, the
/// vault receives `amount` minus the fee, and the event reports both.
///
/// Errors: `InvalidAmount` for zero. The token program rejects a signer that is neither the
/// owner nor a delegate of `source`, and a balance below `amount`.
pub fn handler(ctx: Context<Fund>, amount: u64) -> Result<()> {
    require_gt!(amount, 0, FaucetError::InvalidAmount);
    let clock = Clock::get()?;

    let accounts = ctx.accounts;
    let transfer = CpiContext::new(
        accounts.token_program.key(),
        TransferChecked {
            from: accounts.source.to_account_info(),
            mint: accounts.mint.to_account_info(),
            to: accounts.vault.to_account_info(),
            authority: accounts.funder.to_account_info(),
        },
    );
    token_interface::transfer_checked(transfer, amount, accounts.mint.decimals)?;
    let fee = transfer_fee(&accounts.mint.to_account_info(), amount, clock.epoch)?;

    emit_event(&FaucetFunded {
        faucet: accounts.faucet.key(),
        funder: accounts.funder.key(),
        amount,
        fee,
        timestamp: clock.unix_timestamp,
    });
    Ok(())
}
