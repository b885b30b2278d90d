//! Claim rules as pure functions over decoded accounts. The program enforces them in `claim`, and
//! clients call the same functions to tell a user whether a claim would pass, how much it would
//! pay, and if not, why and when.

use crate::error::FaucetError;
use crate::state::{period, ClaimRecord, Faucet};

/// Reason a claim would be rejected right now. Times are Unix seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimRejection {
    /// The authority paused the faucet.
    Paused,
    /// The claim window opens at `opens_at`.
    WindowNotOpen { opens_at: i64 },
    /// The claim window closed at `closed_at`.
    WindowClosed { closed_at: i64 },
    /// The claimer claimed less than one cooldown ago. Claims are allowed from `next_claim_at` on.
    CooldownActive { next_claim_at: i64 },
    /// The claimer has used up its lifetime claim count, amount or allowlist allocation.
    ClaimerCapReached,
    /// The requested amount is missing on a co-signed faucet, given on another faucet, zero, or
    /// above the drip.
    InvalidAmount,
    /// The faucet has an allowlist and the claim proves no allocation.
    AllowlistProofMissing,
    /// The global budget contains less than this claim. It will contain enough at
    /// `next_claim_at` unless other claims take it first.
    BudgetExhausted { next_claim_at: i64 },
    /// The vault contains `vault_balance` base units, less than the `amount` this claim pays.
    VaultBalanceTooLow { vault_balance: u64, amount: u64 },
    /// A time or amount does not fit in its integer type.
    Overflow,
}

impl From<ClaimRejection> for FaucetError {
    fn from(rejection: ClaimRejection) -> Self {
        match rejection {
            ClaimRejection::Paused => FaucetError::FaucetPaused,
            ClaimRejection::WindowNotOpen { .. } => FaucetError::ClaimWindowNotOpen,
            ClaimRejection::WindowClosed { .. } => FaucetError::ClaimWindowClosed,
            ClaimRejection::CooldownActive { .. } => FaucetError::CooldownActive,
            ClaimRejection::ClaimerCapReached => FaucetError::ClaimerCapReached,
            ClaimRejection::InvalidAmount => FaucetError::InvalidClaimAmount,
            ClaimRejection::AllowlistProofMissing => FaucetError::AllowlistProofMissing,
            ClaimRejection::BudgetExhausted { .. } => FaucetError::BudgetExhausted,
            ClaimRejection::VaultBalanceTooLow { .. } => FaucetError::VaultBalanceTooLow,
            ClaimRejection::Overflow => FaucetError::MathOverflow,
        }
    }
}

/// Amount and allocation a claim requests in its arguments.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ClaimRequest {
    /// Amount set by the claim authority on co-signed faucets. Must be `None` elsewhere.
    pub amount: Option<u64>,
    /// The claimer's allowlist allocation, once its proof has been verified.
    pub allocation: Option<u64>,
}

/// Outcome of a claim that passes the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClaimQuote {
    /// Base units sent out of the vault: the drip, or less when the claimer's amount cap cuts it.
    pub amount: u64,
    /// The faucet's `budget_level` after the claim (zero without a budget).
    pub budget_level: u128,
}

/// Returns the earliest Unix time at which a claimer whose last claim was at `last_claim_at` may
/// claim again, or `None` on overflow.
pub fn next_claim_at(last_claim_at: i64, cooldown_seconds: i64) -> Option<i64> {
    last_claim_at.checked_add(cooldown_seconds)
}

/// Returns the faucet's budget level at `now`, refilled since `budget_updated_at` and capped at
/// the capacity. A clock that reads earlier than `budget_updated_at` refills nothing.
pub fn budget_level_at(faucet: &Faucet, now: i64) -> u128 {
    let limits = &faucet.limits;
    if !limits.has_budget() {
        return 0;
    }
    // At most 2^63 seconds times at most 2^64 base units: the product fits in a u128.
    let elapsed = u128::try_from(now.saturating_sub(faucet.budget_updated_at)).unwrap_or(0);
    let refill = elapsed * u128::from(limits.budget_refill_amount);
    faucet
        .budget_level
        .saturating_add(refill)
        .min(limits.budget_full_level())
}

/// Checks a plain claim (no co-signed amount, no allowlist allocation). See [`check_claim_request`].
pub fn check_claim(
    faucet: &Faucet,
    record: Option<&ClaimRecord>,
    vault_balance: u64,
    now: i64,
) -> Result<ClaimQuote, ClaimRejection> {
    check_claim_request(faucet, record, vault_balance, now, &ClaimRequest::default())
}

/// Checks whether `record`'s owner may claim from `faucet` at `now` with `request`, when the
/// vault contains `vault_balance` base units. `record` is `None` before the first claim.
///
/// The rules are checked in this order. The faucet is not paused, and `now` is inside the claim
/// window. The last claim is at least one cooldown old: a claim at exactly
/// `last_claim_at + cooldown_seconds` passes, and a clock earlier than the last claim is rejected
/// without subtracting timestamps. On co-signed faucets the requested amount is valid. The
/// claimer stays under its caps and allowlist allocation, and the claim that reaches them is cut
/// to what is left. The claim fits in the global budget. Last, the vault contains the amount
/// besides the credit it keeps for accrual-mode claimers.
///
/// The co-signature, the allowlist proof and the holding are checked by the program from the
/// claim's accounts, not here.
pub fn check_claim_request(
    faucet: &Faucet,
    record: Option<&ClaimRecord>,
    vault_balance: u64,
    now: i64,
    request: &ClaimRequest,
) -> Result<ClaimQuote, ClaimRejection> {
    let limits = &faucet.limits;
    if faucet.paused {
        return Err(ClaimRejection::Paused);
    }
    if limits.window_start > 0 && now < limits.window_start {
        return Err(ClaimRejection::WindowNotOpen {
            opens_at: limits.window_start,
        });
    }
    if limits.window_end > 0 && now >= limits.window_end {
        return Err(ClaimRejection::WindowClosed {
            closed_at: limits.window_end,
        });
    }

    let (claim_count, total_claimed) =
        record.map_or((0, 0), |record| (record.claim_count, record.total_claimed));
    if let Some(record) = record.filter(|record| record.claim_count > 0) {
        let next = next_claim_at(record.last_claim_at, faucet.cooldown_seconds)
            .ok_or(ClaimRejection::Overflow)?;
        if now < next {
            return Err(ClaimRejection::CooldownActive {
                next_claim_at: next,
            });
        }
    }

    let mut amount = match (faucet.gate.is_co_signed(), request.amount) {
        (true, Some(requested)) if requested > 0 && requested <= faucet.drip_amount => requested,
        (false, None) => faucet.drip_amount,
        _ => return Err(ClaimRejection::InvalidAmount),
    };
    if faucet.gate.has_allowlist() {
        let allocation = request
            .allocation
            .ok_or(ClaimRejection::AllowlistProofMissing)?;
        let left = allocation.saturating_sub(total_claimed);
        if left == 0 {
            return Err(ClaimRejection::ClaimerCapReached);
        }
        amount = amount.min(left);
    }

    if limits.max_claims_per_claimer > 0 && claim_count >= limits.max_claims_per_claimer {
        return Err(ClaimRejection::ClaimerCapReached);
    }
    if limits.max_amount_per_claimer > 0 {
        let left = limits.max_amount_per_claimer.saturating_sub(total_claimed);
        if left == 0 {
            return Err(ClaimRejection::ClaimerCapReached);
        }
        amount = amount.min(left);
    }

    let mut budget_level = 0;
    if limits.has_budget() {
        let level = budget_level_at(faucet, now);
        let cost = u128::from(amount) * period(limits.budget_refill_period_seconds);
        if level < cost {
            let refill_per_second = u128::from(limits.budget_refill_amount);
            let wait = (cost - level).div_ceil(refill_per_second);
            let next = i64::try_from(wait)
                .ok()
                .and_then(|wait| now.checked_add(wait))
                .ok_or(ClaimRejection::Overflow)?;
            return Err(ClaimRejection::BudgetExhausted {
                next_claim_at: next,
            });
        }
        budget_level = level - cost;
    }

    let vault_balance = faucet.free_vault_balance(vault_balance);
    if vault_balance < amount {
        return Err(ClaimRejection::VaultBalanceTooLow {
            vault_balance,
            amount,
        });
    }
    Ok(ClaimQuote {
        amount,
        budget_level,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::ClaimLimits;

    fn faucet(drip_amount: u64, cooldown_seconds: i64) -> Faucet {
        Faucet {
            drip_amount,
            cooldown_seconds,
            ..Faucet::default()
        }
    }

    fn record(last_claim_at: i64, claim_count: u64, total_claimed: u64) -> ClaimRecord {
        ClaimRecord {
            last_claim_at,
            total_claimed,
            claim_count,
            ..ClaimRecord::default()
        }
    }

    fn amount(result: Result<ClaimQuote, ClaimRejection>) -> Result<u64, ClaimRejection> {
        result.map(|quote| quote.amount)
    }

    /// Name, record, vault balance, now, expected amount or rejection.
    type Case = (
        &'static str,
        Option<ClaimRecord>,
        u64,
        i64,
        Result<u64, ClaimRejection>,
    );

    #[test]
    fn cooldown_and_vault_table() {
        let f = faucet(10, 60);
        let cases: [Case; 8] = [
            ("first claim", None, 10, 1_000, Ok(10)),
            (
                "record with no claims",
                Some(record(0, 0, 0)),
                10,
                1_000,
                Ok(10),
            ),
            (
                "one second early",
                Some(record(1_000, 1, 10)),
                10,
                1_059,
                Err(ClaimRejection::CooldownActive {
                    next_claim_at: 1_060,
                }),
            ),
            (
                "exactly at cooldown end",
                Some(record(1_000, 1, 10)),
                10,
                1_060,
                Ok(10),
            ),
            (
                "after cooldown end",
                Some(record(1_000, 1, 10)),
                10,
                1_061,
                Ok(10),
            ),
            (
                "clock before last claim",
                Some(record(1_000, 1, 10)),
                10,
                900,
                Err(ClaimRejection::CooldownActive {
                    next_claim_at: 1_060,
                }),
            ),
            (
                "vault one below drip",
                None,
                9,
                1_000,
                Err(ClaimRejection::VaultBalanceTooLow {
                    vault_balance: 9,
                    amount: 10,
                }),
            ),
            (
                "overflowing next claim",
                Some(record(i64::MAX, 1, 10)),
                10,
                1_000,
                Err(ClaimRejection::Overflow),
            ),
        ];
        for (name, record, vault_balance, now, expected) in cases {
            assert_eq!(
                amount(check_claim(&f, record.as_ref(), vault_balance, now)),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn paused_checked_first() {
        let mut f = faucet(10, 60);
        f.paused = true;
        f.limits.window_start = 5_000;
        assert_eq!(check_claim(&f, None, 0, 0), Err(ClaimRejection::Paused));
    }

    #[test]
    fn window_bounds() {
        let mut f = faucet(10, 60);
        f.limits.window_start = 1_000;
        f.limits.window_end = 2_000;
        assert_eq!(
            amount(check_claim(&f, None, 10, 999)),
            Err(ClaimRejection::WindowNotOpen { opens_at: 1_000 })
        );
        assert_eq!(amount(check_claim(&f, None, 10, 1_000)), Ok(10));
        assert_eq!(amount(check_claim(&f, None, 10, 1_999)), Ok(10));
        assert_eq!(
            amount(check_claim(&f, None, 10, 2_000)),
            Err(ClaimRejection::WindowClosed { closed_at: 2_000 })
        );
    }

    #[test]
    fn claim_count_cap() {
        let mut f = faucet(10, 60);
        f.limits.max_claims_per_claimer = 2;
        assert_eq!(
            amount(check_claim(&f, Some(&record(0, 1, 10)), 100, 60)),
            Ok(10)
        );
        assert_eq!(
            amount(check_claim(&f, Some(&record(0, 2, 20)), 100, 60)),
            Err(ClaimRejection::ClaimerCapReached)
        );
        assert_eq!(
            amount(check_claim(&f, Some(&record(0, 3, 30)), 100, 60)),
            Err(ClaimRejection::ClaimerCapReached)
        );
    }

    #[test]
    fn amount_cap_cuts_last_claim() {
        let mut f = faucet(10, 60);
        f.limits.max_amount_per_claimer = 25;
        assert_eq!(
            amount(check_claim(&f, Some(&record(0, 2, 14)), 100, 60)),
            Ok(10)
        );
        assert_eq!(
            amount(check_claim(&f, Some(&record(0, 2, 15)), 100, 60)),
            Ok(10)
        );
        assert_eq!(
            amount(check_claim(&f, Some(&record(0, 2, 16)), 100, 60)),
            Ok(9)
        );
        assert_eq!(
            amount(check_claim(&f, Some(&record(0, 3, 24)), 100, 60)),
            Ok(1)
        );
        assert_eq!(
            amount(check_claim(&f, Some(&record(0, 3, 25)), 100, 60)),
            Err(ClaimRejection::ClaimerCapReached)
        );
        f.limits.max_amount_per_claimer = 4;
        assert_eq!(amount(check_claim(&f, None, 100, 60)), Ok(4));
    }

    fn budget_faucet(capacity: u64, refill_amount: u64, period_seconds: i64) -> Faucet {
        let mut f = faucet(10, 60);
        f.limits = ClaimLimits {
            budget_capacity: capacity,
            budget_refill_amount: refill_amount,
            budget_refill_period_seconds: period_seconds,
            ..ClaimLimits::default()
        };
        f.budget_level = f.limits.budget_full_level();
        f.budget_updated_at = 0;
        f
    }

    #[test]
    fn budget_drains_and_refills_exactly() {
        // 30 base units per hour, 10 per claim.
        let mut f = budget_faucet(30, 30, 3_600);
        for _ in 0..3 {
            let quote = check_claim(&f, None, 1_000, 0).unwrap();
            f.budget_level = quote.budget_level;
        }
        assert_eq!(f.budget_level, 0);
        // 10 base units take 1,200 s to come back.
        assert_eq!(
            amount(check_claim(&f, None, 1_000, 0)),
            Err(ClaimRejection::BudgetExhausted {
                next_claim_at: 1_200
            })
        );
        assert_eq!(
            amount(check_claim(&f, None, 1_000, 1_199)),
            Err(ClaimRejection::BudgetExhausted {
                next_claim_at: 1_200
            })
        );
        assert_eq!(amount(check_claim(&f, None, 1_000, 1_200)), Ok(10));
        // Never more than the capacity, however long the faucet sat idle.
        assert_eq!(budget_level_at(&f, i64::MAX), f.limits.budget_full_level());
    }

    #[test]
    fn budget_ignores_backwards_clock() {
        let mut f = budget_faucet(30, 30, 3_600);
        f.budget_level = 0;
        f.budget_updated_at = 10_000;
        assert_eq!(budget_level_at(&f, 5_000), 0);
    }

    #[test]
    fn next_claim_at_overflow() {
        assert_eq!(next_claim_at(i64::MAX - 1, 1), Some(i64::MAX));
        assert_eq!(next_claim_at(i64::MAX, 1), None);
    }
}
