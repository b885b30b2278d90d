use anchor_lang::prelude::*;

use crate::error::FaucetError;
use crate::events::ConfigUpdated;
use crate::instructions::admin::FaucetAdmin;
use crate::log::emit_event;
use crate::rules::budget_level_at;
use crate::state::{period, validate_cooldown, validate_drip_amount, ClaimGate, ClaimLimits};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateConfigArgs {
    /// New base units per claim, or `None` to keep the current one.
    pub drip_amount: Option<u64>,
    /// New cooldown in seconds, or `None` to keep the current one.
    pub cooldown_seconds: Option<i64>,
    /// New caps, budget and window, replacing all of the current ones, or `None` to keep them.
    pub limits: Option<ClaimLimits>,
    /// New co-signer, allowlist root, holding requirement and accrual threshold, replacing all of
    /// the current ones, or `None` to keep them. Credit already accrued stays withdrawable.
    pub gate: Option<ClaimGate>,
}

/// Changes the drip amount, the cooldown, the limits, the gate, or any of them. A new cooldown applies to
/// every claimer at once, including those waiting: their next claim moves to
/// `last_claim_at + new cooldown`. Caps count what claimers already received.
///
/// The budget keeps what it had available, up to the new capacity; a budget turned on here starts
/// full.
///
/// Errors: `Unauthorized`, `EmptyConfigUpdate` when all are `None`, `InvalidDripAmount`,
/// `CooldownOutOfRange`, and the limit errors of [`ClaimLimits::validate`], checked against the
/// new drip amount.
pub fn handler(ctx: Context<FaucetAdmin>, args: UpdateConfigArgs) -> Result<()> {
    require!(
        args.drip_amount.is_some()
            || args.cooldown_seconds.is_some()
            || args.limits.is_some()
            || args.gate.is_some(),
        FaucetError::EmptyConfigUpdate
    );
    let faucet = &mut ctx.accounts.faucet;
    let new_drip_amount = args.drip_amount.unwrap_or(faucet.drip_amount);
    let new_cooldown_seconds = args.cooldown_seconds.unwrap_or(faucet.cooldown_seconds);
    let new_limits = args.limits.unwrap_or(faucet.limits);
    validate_drip_amount(new_drip_amount)?;
    validate_cooldown(new_cooldown_seconds)?;
    new_limits.validate(new_drip_amount)?;
    let now = Clock::get()?.unix_timestamp;

    let old_drip_amount = faucet.drip_amount;
    let old_cooldown_seconds = faucet.cooldown_seconds;
    let old_limits = faucet.limits;
    let old_gate = faucet.gate;
    let new_gate = args.gate.unwrap_or(old_gate);
    faucet.gate = new_gate;
    if new_limits != old_limits {
        faucet.budget_level = carried_budget_level(faucet, &new_limits, now);
        faucet.budget_updated_at = now;
        faucet.limits = new_limits;
    }
    faucet.drip_amount = new_drip_amount;
    faucet.cooldown_seconds = new_cooldown_seconds;

    emit_event(&ConfigUpdated {
        faucet: faucet.key(),
        authority: ctx.accounts.authority.key(),
        old_drip_amount,
        new_drip_amount,
        old_cooldown_seconds,
        new_cooldown_seconds,
        old_limits,
        new_limits,
        old_gate,
        new_gate,
        timestamp: now,
    });
    Ok(())
}

/// Returns the budget level under `new_limits`: the base units available now under the old
/// budget, capped at the new capacity and rescaled to the new refill period. A budget that was
/// off starts full.
fn carried_budget_level(faucet: &crate::state::Faucet, new_limits: &ClaimLimits, now: i64) -> u128 {
    if !new_limits.has_budget() {
        return 0;
    }
    if !faucet.limits.has_budget() {
        return new_limits.budget_full_level();
    }
    let available =
        budget_level_at(faucet, now) / period(faucet.limits.budget_refill_period_seconds);
    available.min(u128::from(new_limits.budget_capacity))
        * period(new_limits.budget_refill_period_seconds)
}
