//! Token faucet: hands out fixed amounts of one SPL Token or Token-2022 mint to many wallets,
//! under a per-wallet cooldown enforced on-chain.
//!
//! Accounts: a [`state::Faucet`] config PDA owns a vault token account and signs every transfer
//! out of it. Each claimer gets a [`state::ClaimRecord`] PDA that stores its last claim.

use anchor_lang::prelude::*;

pub mod constants;
pub mod error;
pub mod events;
pub mod instructions;
pub mod log;
pub mod merkle;
pub mod mint_extensions;
pub mod rules;
pub mod state;

pub use constants::*;
pub use instructions::*;
pub use state::*;

declare_id!("J4pdAs2Dysj8vvaz61rPxZRhdTweM5QiWhUP3kZmPULe");

// Contact details embedded in the deployed program, read by tools such as `query-security-txt`.
// TODO: the `.invalid` addresses are placeholders: each deployer sets its own URL and contact
// before deploying (see SECURITY.md).
#[cfg(not(feature = "no-entrypoint"))]
solana_security_txt::security_txt! {
    name: "Solana token faucet",
    project_url: "https://faucet.example.invalid",
    contacts: "email:security@faucet.example.invalid",
    policy: "SECURITY.md in the program's source repository",
    preferred_languages: "en",
    auditors: "None"
}

#[program]
pub mod faucet {
    use super::*;

    /// Creates a faucet and its vault; the creator becomes the authority.
    pub fn create_faucet(ctx: Context<CreateFaucet>, args: CreateFaucetArgs) -> Result<()> {
        create_faucet::handler(ctx, args)
    }

    /// Moves tokens from any funder's token account into the vault.
    pub fn fund(ctx: Context<Fund>, amount: u64) -> Result<()> {
        fund::handler(ctx, amount)
    }

    /// Sends one drip to the claimer (or credits it in accrual mode) if the faucet's rules allow
    /// it now.
    pub fn claim(ctx: Context<Claim>, args: ClaimArgs) -> Result<()> {
        claim::handler(ctx, args)
    }

    /// Changes the drip amount and/or the cooldown (authority only).
    pub fn update_config(ctx: Context<FaucetAdmin>, args: UpdateConfigArgs) -> Result<()> {
        update_config::handler(ctx, args)
    }

    /// Pauses or resumes claims (authority only).
    pub fn set_paused(ctx: Context<FaucetAdmin>, paused: bool) -> Result<()> {
        set_paused::handler(ctx, paused)
    }

    /// Proposes a new authority, who must accept (authority only).
    pub fn propose_authority(ctx: Context<FaucetAdmin>, new_authority: Pubkey) -> Result<()> {
        propose_authority::handler(ctx, new_authority)
    }

    /// Withdraws a pending authority proposal (authority only).
    pub fn cancel_authority_transfer(ctx: Context<FaucetAdmin>) -> Result<()> {
        cancel_authority_transfer::handler(ctx)
    }

    /// Makes the pending authority the authority (pending authority only).
    pub fn accept_authority(ctx: Context<AcceptAuthority>) -> Result<()> {
        accept_authority::handler(ctx)
    }

    /// Moves tokens from the vault to any token account of the mint (authority only).
    pub fn withdraw(ctx: Context<Withdraw>, amount: u64) -> Result<()> {
        withdraw::handler(ctx, amount)
    }

    /// Empties and closes the vault and closes the faucet (authority only).
    pub fn close_faucet(ctx: Context<CloseFaucet>) -> Result<()> {
        close_faucet::handler(ctx)
    }

    /// Pays out a claimer's accrued credit (accrual mode, claimer only).
    pub fn withdraw_accrued(ctx: Context<WithdrawAccrued>) -> Result<()> {
        withdraw_accrued::handler(ctx)
    }

    /// Returns a closed faucet's claim record rent to its payer (rent payer only).
    pub fn close_claim_record(ctx: Context<CloseClaimRecord>) -> Result<()> {
        close_claim_record::handler(ctx)
    }
}
