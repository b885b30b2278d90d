use anchor_lang::prelude::*;

/// Conditions a claim must meet besides the limits, chosen per faucet. A zero or default field
/// turns its condition off, and several can be on at once.
#[derive(
    AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, Default, PartialEq, Eq,
)]
pub struct ClaimGate {
    /// Key that must co-sign every claim, for task rewards checked off-chain, or the default key
    /// for none. The co-signer chooses each claim's amount, from 1 base unit up to the drip.
    pub claim_authority: Pubkey,
    /// Root of the allowlist's Merkle tree of (claimer, allocation) entries (see
    /// [`crate::merkle`]), or all zeros for no allowlist. A listed claimer's allocation is its
    /// lifetime cap.
    pub merkle_root: [u8; 32],
    /// Mint that claimers must hold, or the default key for no holding requirement.
    pub holder_mint: Pubkey,
    /// Base units of `holder_mint` a claimer must hold at claim time.
    pub holder_min_amount: u64,
    /// With a non-zero threshold, claims credit the claimer's record instead of transferring,
    /// and the claimer withdraws once the credit reaches this many base units.
    pub accrual_threshold: u64,
}

impl ClaimGate {
    /// Returns whether claims need the claim authority's signature.
    pub fn is_co_signed(&self) -> bool {
        self.claim_authority != Pubkey::default()
    }

    /// Returns whether claims need an allowlist proof.
    pub fn has_allowlist(&self) -> bool {
        self.merkle_root != [0; 32]
    }

    /// Returns whether claimers must hold `holder_mint`.
    pub fn requires_holding(&self) -> bool {
        self.holder_mint != Pubkey::default()
    }

    /// Returns whether claims credit the record instead of transferring.
    pub fn accrues(&self) -> bool {
        self.accrual_threshold > 0
    }
}
