use anchor_lang::prelude::*;

use crate::events::{FaucetPaused, FaucetResumed};
use crate::instructions::admin::FaucetAdmin;
use crate::log::emit_event;

/// Pauses (`true`) or resumes (`false`) claims. Setting the current value again succeeds and emits
/// the event again, so a retried transaction does not fail.
///
/// Errors: `Unauthorized`.
pub fn handler(ctx: Context<FaucetAdmin>, paused: bool) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;

    let faucet = &mut ctx.accounts.faucet;
    faucet.paused = paused;

    let faucet = faucet.key();
    let authority = ctx.accounts.authority.key();
    if paused {
        emit_event(&FaucetPaused {
            faucet,
            authority,
            timestamp: now,
        });
    } else {
        emit_event(&FaucetResumed {
            faucet,
            authority,
            timestamp: now,
        });
    }
    Ok(())
}
