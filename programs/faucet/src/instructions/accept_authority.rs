use anchor_lang::prelude::*;

use crate::constants::FAUCET_SEED;
use crate::error::FaucetError;
use crate::events::AuthorityTransferred;
use crate::log::emit_event;
use crate::state::Faucet;

#[derive(Accounts)]
pub struct AcceptAuthority<'info> {
    /// The proposed authority. Its signature proves it controls the key.
    pub new_authority: Signer<'info>,

    #[account(
        mut,
        seeds = [FAUCET_SEED, faucet.mint.as_ref(), faucet.creator.as_ref(), &faucet.faucet_id.to_le_bytes()],
        bump = faucet.bump,
    )]
    pub faucet: Box<Account<'info, Faucet>>,
}

/// Completes a hand-over: the pending authority becomes the authority.
///
/// Errors: `NoPendingAuthority`, `NotPendingAuthority` when the signer is another key.
pub fn handler(ctx: Context<AcceptAuthority>) -> Result<()> {
    let faucet = &mut ctx.accounts.faucet;
    require!(
        faucet.has_pending_authority(),
        FaucetError::NoPendingAuthority
    );
    require_keys_eq!(
        faucet.pending_authority,
        ctx.accounts.new_authority.key(),
        FaucetError::NotPendingAuthority
    );
    let now = Clock::get()?.unix_timestamp;

    let old_authority = faucet.authority;
    faucet.authority = faucet.pending_authority;
    faucet.pending_authority = Pubkey::default();

    emit_event(&AuthorityTransferred {
        faucet: faucet.key(),
        old_authority,
        new_authority: faucet.authority,
        timestamp: now,
    });
    Ok(())
}
