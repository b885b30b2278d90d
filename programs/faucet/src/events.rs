//! Events emitted after each state change. Amounts are in the mint's base units and times are
//! Unix timestamps in seconds, read from the `Clock` sysvar.

use anchor_lang::prelude::*;

use crate::state::{ClaimGate, ClaimLimits};

#[event]
#[derive(Debug, PartialEq, Eq)]
pub struct FaucetCreated {
    pub faucet: Pubkey,
    pub creator: Pubkey,
    pub mint: Pubkey,
    pub vault: Pubkey,
    pub token_program: Pubkey,
    pub faucet_id: u64,
    pub drip_amount: u64,
    pub cooldown_seconds: i64,
    pub limits: ClaimLimits,
    pub allowed_mint_extensions: u16,
    pub gate: ClaimGate,
    pub timestamp: i64,
}

#[event]
#[derive(Debug, PartialEq, Eq)]
pub struct FaucetFunded {
    pub faucet: Pubkey,
    pub funder: Pubkey,
    /// Base units debited from the funder.
    pub amount: u64,
    /// Token-2022 transfer fee withheld from `amount`: the vault received `amount - fee`.
    pub fee: u64,
    pub timestamp: i64,
}

#[event]
#[derive(Debug, PartialEq, Eq)]
pub struct TokensClaimed {
    pub faucet: Pubkey,
    pub claimer: Pubkey,
    /// Account that paid the transaction fee and any rent.
    pub payer: Pubkey,
    /// Base units sent out of the vault: the drip, or less when the claimer's amount cap cut it.
    /// Counters, caps and the budget count this amount.
    pub amount: u64,
    /// Token-2022 transfer fee withheld from `amount`: the claimer received `amount - fee`.
    pub fee: u64,
    /// True in accrual mode: `amount` was credited to the claimer's record, not transferred.
    pub credited: bool,
    /// Amount this claimer has received from this faucet, this claim included.
    pub claimer_total_claimed: u64,
    /// Number of claims by this claimer, this claim included.
    pub claimer_claim_count: u64,
    /// Earliest time at which this claimer may claim again.
    pub next_claim_at: i64,
    pub timestamp: i64,
}

#[event]
#[derive(Debug, PartialEq, Eq)]
pub struct ConfigUpdated {
    pub faucet: Pubkey,
    pub authority: Pubkey,
    pub old_drip_amount: u64,
    pub new_drip_amount: u64,
    pub old_cooldown_seconds: i64,
    pub new_cooldown_seconds: i64,
    pub old_limits: ClaimLimits,
    pub new_limits: ClaimLimits,
    pub old_gate: ClaimGate,
    pub new_gate: ClaimGate,
    pub timestamp: i64,
}

#[event]
#[derive(Debug, PartialEq, Eq)]
pub struct FaucetPaused {
    pub faucet: Pubkey,
    pub authority: Pubkey,
    pub timestamp: i64,
}

#[event]
#[derive(Debug, PartialEq, Eq)]
pub struct FaucetResumed {
    pub faucet: Pubkey,
    pub authority: Pubkey,
    pub timestamp: i64,
}

#[event]
#[derive(Debug, PartialEq, Eq)]
pub struct AuthorityProposed {
    pub faucet: Pubkey,
    pub authority: Pubkey,
    pub pending_authority: Pubkey,
    pub timestamp: i64,
}

#[event]
#[derive(Debug, PartialEq, Eq)]
pub struct AuthorityTransferCancelled {
    pub faucet: Pubkey,
    pub authority: Pubkey,
    pub cancelled_authority: Pubkey,
    pub timestamp: i64,
}

#[event]
#[derive(Debug, PartialEq, Eq)]
pub struct AuthorityTransferred {
    pub faucet: Pubkey,
    pub old_authority: Pubkey,
    pub new_authority: Pubkey,
    pub timestamp: i64,
}

#[event]
#[derive(Debug, PartialEq, Eq)]
pub struct TokensWithdrawn {
    pub faucet: Pubkey,
    pub authority: Pubkey,
    pub destination: Pubkey,
    /// Base units sent out of the vault.
    pub amount: u64,
    /// Token-2022 transfer fee withheld from `amount`: `destination` received `amount - fee`.
    pub fee: u64,
    pub timestamp: i64,
}

#[event]
#[derive(Debug, PartialEq, Eq)]
pub struct FaucetClosed {
    pub faucet: Pubkey,
    pub authority: Pubkey,
    pub destination: Pubkey,
    /// Tokens moved from the vault to `destination` before the vault was closed.
    pub amount: u64,
    pub timestamp: i64,
}

#[event]
#[derive(Debug, PartialEq, Eq)]
pub struct ClaimRecordClosed {
    pub faucet: Pubkey,
    pub claimer: Pubkey,
    pub rent_payer: Pubkey,
    /// Lamports returned to `rent_payer`.
    pub lamports: u64,
    pub timestamp: i64,
}

#[event]
#[derive(Debug, PartialEq, Eq)]
pub struct AccruedWithdrawn {
    pub faucet: Pubkey,
    pub claimer: Pubkey,
    /// Base units sent out of the vault.
    pub amount: u64,
    /// Token-2022 transfer fee withheld from `amount`: the claimer received `amount - fee`.
    pub fee: u64,
    pub timestamp: i64,
}
