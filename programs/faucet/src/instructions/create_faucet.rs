use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::{ALL_MINT_EXTENSION_FLAGS, FAUCET_SEED, VAULT_SEED};
use crate::error::FaucetError;
use crate::events::FaucetCreated;
use crate::log::emit_event;
use crate::mint_extensions::check_mint_extensions;
use crate::state::{
    validate_cooldown, validate_drip_amount, ClaimGate, ClaimLimits, Faucet, FAUCET_RESERVED_BYTES,
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct CreateFaucetArgs {
    /// Any number. It distinguishes several faucets of one creator for one mint.
    pub faucet_id: u64,
    /// Base units sent per claim.
    pub drip_amount: u64,
    /// Seconds between two claims of one claimer.
    pub cooldown_seconds: i64,
    /// Caps, global budget and claim window; `ClaimLimits::default()` turns them all off.
    pub limits: ClaimLimits,
    /// `ALLOW_*` flags of the Token-2022 extensions to accept (0 accepts none of the risky ones).
    pub allowed_mint_extensions: u16,
    /// Co-signer, allowlist, holding requirement and accrual mode; `ClaimGate::default()` turns
    /// them all off.
    pub gate: ClaimGate,
}

#[derive(Accounts)]
#[instruction(args: CreateFaucetArgs)]
pub struct CreateFaucet<'info> {
    /// Creator and first authority. Pays the rent of the faucet and the vault. Its signature is
    /// what stops anyone else from creating a faucet at this creator's addresses first.
    #[account(mut)]
    pub creator: Signer<'info>,

    /// Mint of the token to hand out, owned by `token_program`.
    #[account(mint::token_program = token_program)]
    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// Faucet config, created here.
    #[account(
        init,
        payer = creator,
        space = Faucet::SPACE,
        seeds = [FAUCET_SEED, mint.key().as_ref(), creator.key().as_ref(), &args.faucet_id.to_le_bytes()],
        bump,
    )]
    pub faucet: Box<Account<'info, Faucet>>,

    /// Vault token account, created here, owned by the faucet.
    #[account(
        init,
        payer = creator,
        seeds = [VAULT_SEED, faucet.key().as_ref()],
        bump,
        token::mint = mint,
        token::authority = faucet,
        token::token_program = token_program,
    )]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    /// SPL Token or Token-2022.
    pub token_program: Interface<'info, TokenInterface>,

    pub system_program: Program<'info, System>,
}

/// Creates a faucet and its empty vault. The creator becomes the authority.
///
/// Errors: `InvalidDripAmount` for a zero drip, `CooldownOutOfRange` for a cooldown outside
/// 1 second to 365 days, the limit errors of [`ClaimLimits::validate`], and for Token-2022
/// mints the `Mint*` errors of extensions not accepted by `allowed_mint_extensions` (see
/// [`crate::mint_extensions`]). The global budget starts full.
pub fn handler(ctx: Context<CreateFaucet>, args: CreateFaucetArgs) -> Result<()> {
    validate_drip_amount(args.drip_amount)?;
    validate_cooldown(args.cooldown_seconds)?;
    args.limits.validate(args.drip_amount)?;
    require!(
        args.allowed_mint_extensions & !ALL_MINT_EXTENSION_FLAGS == 0,
        FaucetError::InvalidMintExtensionFlags
    );
    check_mint_extensions(
        &ctx.accounts.mint.to_account_info(),
        args.allowed_mint_extensions,
    )?;
    let now = Clock::get()?.unix_timestamp;

    let accounts = ctx.accounts;
    accounts.faucet.set_inner(Faucet {
        authority: accounts.creator.key(),
        pending_authority: Pubkey::default(),
        creator: accounts.creator.key(),
        mint: accounts.mint.key(),
        token_program: accounts.token_program.key(),
        vault: accounts.vault.key(),
        faucet_id: args.faucet_id,
        drip_amount: args.drip_amount,
        cooldown_seconds: args.cooldown_seconds,
        total_claimed: 0,
        claim_count: 0,
        claimer_count: 0,
        created_at: now,
        paused: false,
        bump: ctx.bumps.faucet,
        vault_bump: ctx.bumps.vault,
        limits: args.limits,
        budget_level: args.limits.budget_full_level(),
        budget_updated_at: now,
        allowed_mint_extensions: args.allowed_mint_extensions,
        gate: args.gate,
        accrued_outstanding: 0,
        reserved: [0; FAUCET_RESERVED_BYTES],
    });

    emit_event(&FaucetCreated {
        faucet: accounts.faucet.key(),
        creator: accounts.creator.key(),
        mint: accounts.mint.key(),
        vault: accounts.vault.key(),
        token_program: accounts.token_program.key(),
        faucet_id: args.faucet_id,
        drip_amount: args.drip_amount,
        cooldown_seconds: args.cooldown_seconds,
        limits: args.limits,
        allowed_mint_extensions: args.allowed_mint_extensions,
        gate: args.gate,
        timestamp: now,
    });
    Ok(())
}
