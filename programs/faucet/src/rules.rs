//! Claim rules as pure functions over decoded accounts. The program enforces them in `claim`, and
//! clients call the same functions to tell a user whether a claim would pass, and if not, when.

use crate::error::FaucetError;
use crate::state::{ClaimRecord, Faucet};

/// Reason a claim would be rejected right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimRejection {
    /// The authority paused the faucet.
    Paused,
    /// The claimer claimed less than one cooldown ago. Claims are allowed from `next_claim_at`
    /// (Unix seconds) on.
    CooldownActive { next_claim_at: i64 },
    /// The vault contains `vault_balance` base units, less than one drip.
    VaultBalanceTooLow {
        vault_balance: u64,
        drip_amount: u64,
    },
    /// `last_claim_at + cooldown` does not fit in an `i64`.
    Overflow,
}

impl From<ClaimRejection> for FaucetError {
    fn from(rejection: ClaimRejection) -> Self {
        match rejection {
            ClaimRejection::Paused => FaucetError::FaucetPaused,
            ClaimRejection::CooldownActive { .. } => FaucetError::CooldownActive,
            ClaimRejection::VaultBalanceTooLow { .. } => FaucetError::VaultBalanceTooLow,
            ClaimRejection::Overflow => FaucetError::MathOverflow,
        }
    }
}

/// Returns the earliest Unix time at which a claimer whose last claim was at `last_claim_at` may
/// claim again, or `None` on overflow.
pub fn next_claim_at(last_claim_at: i64, cooldown_seconds: i64) -> Option<i64> {
    last_claim_at.checked_add(cooldown_seconds)
}

/// Checks whether `record`'s owner may claim from `faucet` at `now`, with `vault_balance` base
/// units in the vault. `record` is `None` before the first claim. Returns the amount the claim
/// would transfer.
///
/// A claim is allowed at exactly `last_claim_at + cooldown_seconds`. A clock that reads earlier
/// than the last claim is rejected as a cooldown, without subtracting timestamps.
pub fn check_claim(
    faucet: &Faucet,
    record: Option<&ClaimRecord>,
    vault_balance: u64,
    now: i64,
) -> Result<u64, ClaimRejection> {
    if faucet.paused {
        return Err(ClaimRejection::Paused);
    }

    if let Some(record) = record.filter(|record| record.claim_count > 0) {
        let next = next_claim_at(record.last_claim_at, faucet.cooldown_seconds)
            .ok_or(ClaimRejection::Overflow)?;
        if now < next {
            return Err(ClaimRejection::CooldownActive {
                next_claim_at: next,
            });
        }
    }

    if vault_balance < faucet.drip_amount {
        return Err(ClaimRejection::VaultBalanceTooLow {
            vault_balance,
            drip_amount: faucet.drip_amount,
        });
    }
    Ok(faucet.drip_amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn faucet(drip_amount: u64, cooldown_seconds: i64) -> Faucet {
        Faucet {
            drip_amount,
            cooldown_seconds,
            ..Faucet::default()
        }
    }

    fn record(last_claim_at: i64, claim_count: u64) -> ClaimRecord {
        ClaimRecord {
            last_claim_at,
            total_claimed: 0,
            claim_count,
            bump: 255,
        }
    }

    /// Name, record, vault balance, now, expected result.
    type Case = (
        &'static str,
        Option<ClaimRecord>,
        u64,
        i64,
        Result<u64, ClaimRejection>,
    );

    #[test]
    fn check_claim_table() {
        let f = faucet(10, 60);
        let cases: [Case; 8] = [
            ("first claim", None, 10, 1_000, Ok(10)),
            (
                "record with no claims",
                Some(record(0, 0)),
                10,
                1_000,
                Ok(10),
            ),
            (
                "one second early",
                Some(record(1_000, 1)),
                10,
                1_059,
                Err(ClaimRejection::CooldownActive {
                    next_claim_at: 1_060,
                }),
            ),
            (
                "exactly at cooldown end",
                Some(record(1_000, 1)),
                10,
                1_060,
                Ok(10),
            ),
            (
                "after cooldown end",
                Some(record(1_000, 1)),
                10,
                1_061,
                Ok(10),
            ),
            (
                "clock before last claim",
                Some(record(1_000, 1)),
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
                    drip_amount: 10,
                }),
            ),
            (
                "overflowing next claim",
                Some(record(i64::MAX, 1)),
                10,
                1_000,
                Err(ClaimRejection::Overflow),
            ),
        ];
        for (name, record, vault_balance, now, expected) in cases {
            assert_eq!(
                check_claim(&f, record.as_ref(), vault_balance, now),
                expected,
                "{name}"
            );
        }
    }

    #[test]
    fn check_claim_paused_first() {
        let mut f = faucet(10, 60);
        f.paused = true;
        assert_eq!(check_claim(&f, None, 0, 0), Err(ClaimRejection::Paused));
    }

    #[test]
    fn next_claim_at_overflow() {
        assert_eq!(next_claim_at(i64::MAX - 1, 1), Some(i64::MAX));
        assert_eq!(next_claim_at(i64::MAX, 1), None);
    }
}
