use anchor_lang::prelude::*;

use crate::constants::{FAUCET_SEED, MAX_COOLDOWN_SECONDS, MIN_COOLDOWN_SECONDS};
use crate::error::FaucetError;
use crate::state::{ClaimGate, ClaimLimits};

/// Bytes kept free at the end of [`Faucet`] for fields added later, so that existing faucets need
/// no reallocation.
pub const FAUCET_RESERVED_BYTES: usize = 54;

/// A faucet's configuration and counters, at `[FAUCET_SEED, mint, creator, faucet_id]`. It owns
/// the vault and signs every transfer out of it.
#[account]
#[derive(InitSpace, Debug, PartialEq, Eq)]
pub struct Faucet {
    /// Key that may change the config, pause, withdraw and close.
    pub authority: Pubkey,
    /// Key proposed as the next authority, or the default (all-zero) key when none is pending.
    pub pending_authority: Pubkey,
    /// Key that created the faucet. Part of the seeds, never changes.
    pub creator: Pubkey,
    /// Mint of the token the faucet hands out.
    pub mint: Pubkey,
    /// Token program that owns `mint` and `vault` (SPL Token or Token-2022).
    pub token_program: Pubkey,
    /// Token account at `[VAULT_SEED, faucet]` that contains the tokens to hand out.
    pub vault: Pubkey,
    /// Creator-chosen number that distinguishes several faucets of one creator for one mint.
    pub faucet_id: u64,
    /// Base units sent per claim. Never zero.
    pub drip_amount: u64,
    /// Seconds a claimer must wait between two claims, from 1 to 365 days.
    pub cooldown_seconds: i64,
    /// Base units sent to claimers, all claimers together.
    pub total_claimed: u64,
    /// Number of successful claims, all claimers together.
    pub claim_count: u64,
    /// Number of distinct claimers, counted on each claimer's first claim.
    pub claimer_count: u64,
    /// Unix time of creation, in seconds.
    pub created_at: i64,
    /// While true, claims are rejected. Funding and admin instructions still work.
    pub paused: bool,
    /// Canonical bump of this faucet's address.
    pub bump: u8,
    /// Canonical bump of the vault's address.
    pub vault_bump: u8,
    /// Caps, global budget and claim window.
    pub limits: ClaimLimits,
    /// Budget available, in base units multiplied by `limits.budget_refill_period_seconds`, as of
    /// `budget_updated_at`. The scaling keeps partial refills exact. Unused without a budget.
    pub budget_level: u128,
    /// Unix time at which `budget_level` was last brought up to date.
    pub budget_updated_at: i64,
    /// `ALLOW_*` flags of the Token-2022 extensions the creator accepted for this mint.
    pub allowed_mint_extensions: u16,
    /// Co-signer, allowlist, holding requirement and accrual mode.
    pub gate: ClaimGate,
    /// Base units credited to claimers in accrual mode and not withdrawn yet. The vault keeps
    /// them for the claimers: `withdraw` and `close_faucet` cannot take them.
    pub accrued_outstanding: u64,
    /// Zeroed space for later fields.
    pub reserved: [u8; FAUCET_RESERVED_BYTES],
}

impl Default for Faucet {
    fn default() -> Self {
        Self {
            authority: Pubkey::default(),
            pending_authority: Pubkey::default(),
            creator: Pubkey::default(),
            mint: Pubkey::default(),
            token_program: Pubkey::default(),
            vault: Pubkey::default(),
            faucet_id: 0,
            drip_amount: 0,
            cooldown_seconds: 0,
            total_claimed: 0,
            claim_count: 0,
            claimer_count: 0,
            created_at: 0,
            paused: false,
            bump: 0,
            vault_bump: 0,
            limits: ClaimLimits::default(),
            budget_level: 0,
            budget_updated_at: 0,
            allowed_mint_extensions: 0,
            gate: ClaimGate::default(),
            accrued_outstanding: 0,
            reserved: [0; FAUCET_RESERVED_BYTES],
        }
    }
}

impl Faucet {
    /// Returns the vault balance that is not owed to claimers as accrued credit.
    pub fn free_vault_balance(&self, vault_balance: u64) -> u64 {
        vault_balance.saturating_sub(self.accrued_outstanding)
    }

    /// Account size in bytes, discriminator included.
    pub const SPACE: usize = Self::DISCRIMINATOR.len() + Self::INIT_SPACE;

    /// Returns the seeds with which the faucet signs for its vault. `faucet_id` must be
    /// `self.faucet_id.to_le_bytes()`, passed in because the seeds borrow it.
    pub fn signer_seeds<'a>(&'a self, faucet_id: &'a [u8; 8]) -> [&'a [u8]; 5] {
        [
            FAUCET_SEED,
            self.mint.as_ref(),
            self.creator.as_ref(),
            faucet_id,
            core::slice::from_ref(&self.bump),
        ]
    }

    /// Returns whether an authority transfer is pending.
    pub fn has_pending_authority(&self) -> bool {
        self.pending_authority != Pubkey::default()
    }
}

/// Checks a drip amount: at least one base unit.
pub fn validate_drip_amount(drip_amount: u64) -> Result<()> {
    require_gt!(drip_amount, 0, FaucetError::InvalidDripAmount);
    Ok(())
}

/// Checks a cooldown against `MIN_COOLDOWN_SECONDS..=MAX_COOLDOWN_SECONDS`.
pub fn validate_cooldown(cooldown_seconds: i64) -> Result<()> {
    require_gte!(
        cooldown_seconds,
        MIN_COOLDOWN_SECONDS,
        FaucetError::CooldownOutOfRange
    );
    require_gte!(
        MAX_COOLDOWN_SECONDS,
        cooldown_seconds,
        FaucetError::CooldownOutOfRange
    );
    Ok(())
}
