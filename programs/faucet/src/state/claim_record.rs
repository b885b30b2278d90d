use anchor_lang::prelude::*;

/// Claims of one claimer from one faucet, at `[CLAIM_RECORD_SEED, faucet, claimer]`. Created on
/// the first claim and paid for by that claim's payer, so it stays small. It can be closed, and its
/// rent returned to that payer, once the faucet is closed (`close_claim_record`).
#[account]
#[derive(InitSpace, Debug, Default, PartialEq, Eq)]
pub struct ClaimRecord {
    /// Unix time of the last claim, in seconds. Meaningless while `claim_count` is zero.
    pub last_claim_at: i64,
    /// Base units received by this claimer from this faucet.
    pub total_claimed: u64,
    /// Number of successful claims.
    pub claim_count: u64,
    /// Canonical bump of this record's address.
    pub bump: u8,
    /// Account that paid this record's rent, and the only one that can close it to get it back.
    pub rent_payer: Pubkey,
    /// Base units credited in accrual mode and not withdrawn yet.
    pub accrued: u64,
}

impl ClaimRecord {
    /// Account size in bytes, discriminator included.
    pub const SPACE: usize = Self::DISCRIMINATOR.len() + Self::INIT_SPACE;
}
