use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::FAUCET_SEED;
use crate::error::FaucetError;
use crate::events::TokensWithdrawn;
use crate::instructions::vault::{transfer_from_vault, VaultTransfer};
use crate::log::emit_event;
use crate::mint_extensions::transfer_fee;
use crate::state::Faucet;

#[derive(Accounts)]
pub struct Withdraw<'info> {
    pub authority: Signer<'info>,

    #[account(
        seeds = [FAUCET_SEED, faucet.mint.as_ref(), faucet.creator.as_ref(), &faucet.faucet_id.to_le_bytes()],
        bump = faucet.bump,
        has_one = authority @ FaucetError::Unauthorized,
        has_one = mint,
        has_one = vault,
        has_one = token_program,
    )]
    pub faucet: Box<Account<'info, Faucet>>,

    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// Faucet vault, debited.
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    /// Any token account of the faucet's mint, credited.
    #[account(mut, token::mint = mint, token::token_program = token_program)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,

    pub token_program: Interface<'info, TokenInterface>,
}

/// Moves `amount` base units from the vault to `destination`. Credit owed to accrual-mode
/// claimers stays in the vault.
///
/// Errors: `Unauthorized`, `InvalidAmount` for zero, `InsufficientVaultBalance` above the vault
/// balance.
pub fn handler(ctx: Context<Withdraw>, amount: u64) -> Result<()> {
    require_gt!(amount, 0, FaucetError::InvalidAmount);
    let accounts = ctx.accounts;
    let free_balance = accounts.faucet.free_vault_balance(accounts.vault.amount);
    require_gte!(free_balance, amount, FaucetError::InsufficientVaultBalance);
    let clock = Clock::get()?;

    transfer_from_vault(
        VaultTransfer {
            faucet: &accounts.faucet,
            vault: accounts.vault.to_account_info(),
            mint: accounts.mint.to_account_info(),
            destination: accounts.destination.to_account_info(),
            token_program: accounts.token_program.key(),
            decimals: accounts.mint.decimals,
        },
        amount,
    )?;
    let fee = transfer_fee(&accounts.mint.to_account_info(), amount, clock.epoch)?;

    emit_event(&TokensWithdrawn {
        faucet: accounts.faucet.key(),
        authority: accounts.authority.key(),
        destination: accounts.destination.key(),
        amount,
        fee,
        timestamp: clock.unix_timestamp,
    });
    Ok(())
}
