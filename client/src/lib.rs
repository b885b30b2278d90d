//! Client for the faucet program: PDA helpers, one instruction builder per instruction, account
//! decoders, error mapping, the claim rules shared with the program, and signed-transaction
//! helpers. Builders use the program crate's own account lists and argument types, so an
//! instruction built here always matches what the program expects.
//!
//! Network access lives in [`rpc`], behind the `rpc` cargo feature.

pub mod accounts;
pub mod allowlist;
pub mod amount;
pub mod errors;
pub mod events;
pub mod instructions;
pub mod pda;
#[cfg(feature = "rpc")]
pub mod rpc;
pub mod transaction;

pub use faucet::ID as PROGRAM_ID;
pub use faucet::error::FaucetError;
pub use faucet::instructions::{ClaimArgs, CreateFaucetArgs, UpdateConfigArgs};
pub use faucet::rules::{
    ClaimQuote, ClaimRejection, ClaimRequest, budget_level_at, check_claim, check_claim_request,
    next_claim_at,
};
pub use faucet::state::{ClaimGate, ClaimLimits, ClaimRecord, Faucet};
pub use faucet::{
    ALLOW_CONFIDENTIAL_TRANSFERS, ALLOW_DEFAULT_FROZEN, ALLOW_NON_TRANSFERABLE,
    ALLOW_PERMANENT_DELEGATE, ALLOW_TRANSFER_HOOK, MAX_COOLDOWN_SECONDS, MIN_COOLDOWN_SECONDS,
};

pub use accounts::{DecodeError, decode_claim_record, decode_faucet};
pub use instructions::FaucetKeys;
