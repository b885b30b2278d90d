use anchor_lang::prelude::*;

use crate::error::FaucetError;
use crate::events::AuthorityTransferCancelled;
use crate::instructions::admin::FaucetAdmin;
use crate::log::emit_event;

/// Withdraws a pending authority proposal.
///
/// Errors: `Unauthorized`, `NoPendingAuthority`.
pub fn handler(ctx: Context<FaucetAdmin>) -> Result<()> {
    require!(
        ctx.accounts.faucet.has_pending_authority(),
        FaucetError::NoPendingAuthority
    );
    let now = Clock::get()?.unix_timestamp;

    let faucet = &mut ctx.accounts.faucet;
    let cancelled_authority = faucet.pending_authority;
    faucet.pending_authority = Pubkey::default();

    emit_event(&AuthorityTransferCancelled {
        faucet: faucet.key(),
        authority: ctx.accounts.authority.key(),
        cancelled_authority,
        timestamp: now,
    });
    Ok(())
}
