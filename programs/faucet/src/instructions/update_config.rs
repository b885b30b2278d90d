use anchor_lang::prelude::*;

use crate::error::FaucetError;
use crate::events::ConfigUpdated;
use crate::instructions::admin::FaucetAdmin;
use crate::log::emit_event;
use crate::state::{validate_cooldown, validate_drip_amount};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateConfigArgs {
    /// New base units per claim, or `None` to keep the current one.
    pub drip_amount: Option<u64>,
    /// New cooldown in seconds, or `None` to keep the current one.
    pub cooldown_seconds: Option<i64>,
}

/// Changes the drip amount, the cooldown or both. A new cooldown applies to every claimer at once,
/// including those waiting: their next claim moves to `last_claim_at + new cooldown`.
///
/// Errors: `Unauthorized`, `EmptyConfigUpdate` when both are `None`, `InvalidDripAmount`,
/// `CooldownOutOfRange`.
pub fn handler(ctx: Context<FaucetAdmin>, args: UpdateConfigArgs) -> Result<()> {
    require!(
        args.drip_amount.is_some() || args.cooldown_seconds.is_some(),
        FaucetError::EmptyConfigUpdate
    );
    if let Some(drip_amount) = args.drip_amount {
        validate_drip_amount(drip_amount)?;
    }
    if let Some(cooldown_seconds) = args.cooldown_seconds {
        validate_cooldown(cooldown_seconds)?;
    }
    let now = Clock::get()?.unix_timestamp;

    let faucet = &mut ctx.accounts.faucet;
    let old_drip_amount = faucet.drip_amount;
    let old_cooldown_seconds = faucet.cooldown_seconds;
    faucet.drip_amount = args.drip_amount.unwrap_or(old_drip_amount);
    faucet.cooldown_seconds = args.cooldown_seconds.unwrap_or(old_cooldown_seconds);

    emit_event(&ConfigUpdated {
        faucet: faucet.key(),
        authority: ctx.accounts.authority.key(),
        old_drip_amount,
        new_drip_amount: faucet.drip_amount,
        old_cooldown_seconds,
        new_cooldown_seconds: faucet.cooldown_seconds,
        timestamp: now,
    });
    Ok(())
}
