//! Seeds and limits shared by the program and its clients.

use anchor_lang::prelude::*;

/// Seed prefix of a faucet: `[FAUCET_SEED, mint, creator, faucet_id as u64 little-endian]`.
#[constant]
pub const FAUCET_SEED: &[u8] = b"faucet";

/// Seed prefix of a faucet's vault token account: `[VAULT_SEED, faucet]`.
#[constant]
pub const VAULT_SEED: &[u8] = b"vault";

/// Seed prefix of a claimer's record: `[CLAIM_RECORD_SEED, faucet, claimer]`.
#[constant]
pub const CLAIM_RECORD_SEED: &[u8] = b"claim";

/// Minimum cooldown, in seconds. A cooldown of at least one second makes a second claim in the
/// same transaction or the same second fail, so one wallet cannot drain the vault in a burst.
#[constant]
pub const MIN_COOLDOWN_SECONDS: i64 = 1;

/// Maximum cooldown, in seconds (365 days).
#[constant]
pub const MAX_COOLDOWN_SECONDS: i64 = 365 * 24 * 60 * 60;

/// `allowed_mint_extensions` flag that accepts a Token-2022 permanent delegate.
#[constant]
pub const ALLOW_PERMANENT_DELEGATE: u16 = 1 << 0;

/// `allowed_mint_extensions` flag that accepts a Token-2022 transfer hook.
#[constant]
pub const ALLOW_TRANSFER_HOOK: u16 = 1 << 1;

/// `allowed_mint_extensions` flag that accepts a non-transferable Token-2022 mint.
#[constant]
pub const ALLOW_NON_TRANSFERABLE: u16 = 1 << 2;

/// `allowed_mint_extensions` flag that accepts a Token-2022 mint whose new accounts start frozen.
#[constant]
pub const ALLOW_DEFAULT_FROZEN: u16 = 1 << 3;

/// `allowed_mint_extensions` flag that accepts Token-2022 confidential transfers.
#[constant]
pub const ALLOW_CONFIDENTIAL_TRANSFERS: u16 = 1 << 4;

/// Every `ALLOW_*` flag together.
pub const ALL_MINT_EXTENSION_FLAGS: u16 = ALLOW_PERMANENT_DELEGATE
    | ALLOW_TRANSFER_HOOK
    | ALLOW_NON_TRANSFERABLE
    | ALLOW_DEFAULT_FROZEN
    | ALLOW_CONFIDENTIAL_TRANSFERS;
