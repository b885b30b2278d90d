use anchor_lang::prelude::*;

use crate::constants::MAX_COOLDOWN_SECONDS;
use crate::error::FaucetError;
use crate::log::log_message;

/// Optional limits on claims. A zero field turns its limit off.
#[derive(
    AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, Default, PartialEq, Eq,
)]
pub struct ClaimLimits {
    /// Maximum number of claims per claimer over the faucet's life, or 0 for no cap.
    pub max_claims_per_claimer: u64,
    /// Maximum base units per claimer over the faucet's life, or 0 for no cap. The claim that
    /// reaches the cap is cut to what is left under it.
    pub max_amount_per_claimer: u64,
    /// Global budget: the most base units that can go out at once, all claimers together, or 0
    /// for no budget. The budget starts full and refills continuously.
    pub budget_capacity: u64,
    /// Base units added to the budget every `budget_refill_period_seconds`, spread evenly over
    /// the period. 0 when there is no budget.
    pub budget_refill_amount: u64,
    /// Period of `budget_refill_amount`, in seconds, from 1 to 365 days. 0 when there is no
    /// budget.
    pub budget_refill_period_seconds: i64,
    /// Unix time from which claims are accepted, or 0 for no start.
    pub window_start: i64,
    /// Unix time from which claims are rejected again, or 0 for no end.
    pub window_end: i64,
}

impl ClaimLimits {
    /// Returns whether the global budget is on.
    pub fn has_budget(&self) -> bool {
        self.budget_capacity > 0
    }

    /// Returns the budget's full level, in base units times the refill period (see
    /// [`crate::state::Faucet::budget_level`]).
    pub fn budget_full_level(&self) -> u128 {
        u128::from(self.budget_capacity) * period(self.budget_refill_period_seconds)
    }

    /// Checks the limits against each other and against `drip_amount`, naming the field at fault.
    pub fn validate(&self, drip_amount: u64) -> Result<()> {
        if self.has_budget() {
            if self.budget_capacity < drip_amount {
                log_message(&format!(
                    "Invalid budget_capacity {}: it must be at least the drip amount {}",
                    self.budget_capacity, drip_amount
                ));
                return err!(FaucetError::BudgetCapacityBelowDrip);
            }
            require_gt!(
                self.budget_refill_amount,
                0,
                FaucetError::InvalidBudgetRefill
            );
            require_gte!(
                self.budget_refill_period_seconds,
                1,
                FaucetError::InvalidBudgetRefill
            );
            require_gte!(
                MAX_COOLDOWN_SECONDS,
                self.budget_refill_period_seconds,
                FaucetError::InvalidBudgetRefill
            );
        } else {
            require!(
                self.budget_refill_amount == 0 && self.budget_refill_period_seconds == 0,
                FaucetError::InvalidBudgetRefill
            );
        }

        require!(
            self.window_start >= 0 && self.window_end >= 0,
            FaucetError::InvalidClaimWindow
        );
        if self.window_start > 0 && self.window_end > 0 {
            require_gt!(
                self.window_end,
                self.window_start,
                FaucetError::InvalidClaimWindow
            );
        }
        Ok(())
    }
}

/// Returns a refill period as a `u128` factor; non-positive periods (budget off) count as 1.
pub(crate) fn period(seconds: i64) -> u128 {
    u128::try_from(seconds).unwrap_or(0).max(1)
}
