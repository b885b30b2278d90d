use anchor_lang::prelude::*;
use anchor_spl::associated_token::AssociatedToken;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::{CLAIM_RECORD_SEED, FAUCET_SEED};
use crate::error::FaucetError;
use crate::events::AccruedWithdrawn;
use crate::instructions::destination::{prepare_destination, Destination};
use crate::instructions::vault::{transfer_from_vault, VaultTransfer};
use crate::log::emit_event;
use crate::mint_extensions::transfer_fee;
use crate::state::{ClaimRecord, Faucet};

#[derive(Accounts)]
pub struct WithdrawAccrued<'info> {
    /// Claimer whose credit is paid out.
    pub claimer: Signer<'info>,

    /// Pays the fee and the rent of the claimer's token account if it is missing.
    #[account(mut)]
    pub payer: Signer<'info>,

    #[account(
        mut,
        seeds = [FAUCET_SEED, faucet.mint.as_ref(), faucet.creator.as_ref(), &faucet.faucet_id.to_le_bytes()],
        bump = faucet.bump,
        has_one = mint,
        has_one = vault,
        has_one = token_program,
    )]
    pub faucet: Box<Account<'info, Faucet>>,

    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// Faucet vault, debited.
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    #[account(
        mut,
        seeds = [CLAIM_RECORD_SEED, faucet.key().as_ref(), claimer.key().as_ref()],
        bump = claim_record.bump,
    )]
    pub claim_record: Box<Account<'info, ClaimRecord>>,

    /// Destination: the claimer's associated token account, created here if missing, or any
    /// existing token account of the faucet's mint that the claimer owns.
    /// CHECK: checked in `prepare_destination`.
    #[account(mut)]
    pub claimer_token_account: UncheckedAccount<'info>,

    pub token_program: Interface<'info, TokenInterface>,
    pub associated_token_program: Program<'info, AssociatedToken>,
    pub system_program: Program<'info, System>,
}

/// Pays out the claimer's accrued credit in one transfer.
///
/// Allowed once the credit reaches the faucet's `accrual_threshold`, and at any amount while the
/// faucet is paused (so that an operator winding a faucet down can let everyone collect) or after
/// accrual mode was turned off.
///
/// Errors: `NothingAccrued`, `AccruedBelowThreshold`, `InvalidClaimDestination`.
pub fn handler(ctx: Context<WithdrawAccrued>) -> Result<()> {
    let accounts = ctx.accounts;
    let amount = accounts.claim_record.accrued;
    require_gt!(amount, 0, FaucetError::NothingAccrued);
    let gate = &accounts.faucet.gate;
    require!(
        amount >= gate.accrual_threshold || accounts.faucet.paused || !gate.accrues(),
        FaucetError::AccruedBelowThreshold
    );
    let clock = Clock::get()?;

    prepare_destination(Destination {
        account: accounts.claimer_token_account.to_account_info(),
        claimer: accounts.claimer.to_account_info(),
        payer: accounts.payer.to_account_info(),
        mint: accounts.mint.to_account_info(),
        token_program: accounts.token_program.to_account_info(),
        system_program: accounts.system_program.to_account_info(),
        associated_token_program: accounts.associated_token_program.key(),
    })?;

    accounts.claim_record.accrued = 0;
    accounts.faucet.accrued_outstanding = accounts
        .faucet
        .accrued_outstanding
        .checked_sub(amount)
        .ok_or(FaucetError::MathOverflow)?;

    transfer_from_vault(
        VaultTransfer {
            faucet: &accounts.faucet,
            vault: accounts.vault.to_account_info(),
            mint: accounts.mint.to_account_info(),
            destination: accounts.claimer_token_account.to_account_info(),
            token_program: accounts.token_program.key(),
            decimals: accounts.mint.decimals,
        },
        amount,
    )?;
    let fee = transfer_fee(&accounts.mint.to_account_info(), amount, clock.epoch)?;

    emit_event(&AccruedWithdrawn {
        faucet: accounts.faucet.key(),
        claimer: accounts.claimer.key(),
        amount,
        fee,
        timestamp: clock.unix_timestamp,
    });
    Ok(())
}
