use anchor_lang::prelude::*;

use crate::constants::CLAIM_RECORD_SEED;
use crate::error::FaucetError;
use crate::events::ClaimRecordClosed;
use crate::log::emit_event;
use crate::state::ClaimRecord;

#[derive(Accounts)]
pub struct CloseClaimRecord<'info> {
    /// The account that paid the record's rent. It signs and receives the lamports.
    #[account(mut)]
    pub rent_payer: Signer<'info>,

    /// Address of the record's faucet, which must be closed.
    /// CHECK: only its key (a seed of the record) and whether a faucet still lives there are read.
    pub faucet: UncheckedAccount<'info>,

    /// CHECK: only the key, a seed of the record.
    pub claimer: UncheckedAccount<'info>,

    #[account(
        mut,
        close = rent_payer,
        seeds = [CLAIM_RECORD_SEED, faucet.key().as_ref(), claimer.key().as_ref()],
        bump = claim_record.bump,
        has_one = rent_payer @ FaucetError::NotRentPayer,
    )]
    pub claim_record: Account<'info, ClaimRecord>,
}

/// Closes a claim record and returns its rent to the account that paid it.
///
/// Only records of a closed faucet can be closed. While a faucet lives, its records enforce the
/// cooldown and the caps, so closing one would let its claimer start over. Closing records after
/// the faucet closed means that a faucet created again at the same address (same mint, creator
/// and id) starts with no history for those claimers, like any new faucet.
///
/// Errors: `NotRentPayer`, `FaucetStillOpen`.
pub fn handler(ctx: Context<CloseClaimRecord>) -> Result<()> {
    let faucet = &ctx.accounts.faucet;
    // `close_faucet` leaves the address empty and owned by the system program.
    require!(
        faucet.owner != &crate::ID || faucet.data_is_empty(),
        FaucetError::FaucetStillOpen
    );
    let now = Clock::get()?.unix_timestamp;

    emit_event(&ClaimRecordClosed {
        faucet: faucet.key(),
        claimer: ctx.accounts.claimer.key(),
        rent_payer: ctx.accounts.rent_payer.key(),
        lamports: ctx.accounts.claim_record.to_account_info().lamports(),
        timestamp: now,
    });
    Ok(())
}
