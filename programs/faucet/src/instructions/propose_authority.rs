use anchor_lang::prelude::*;

use crate::error::FaucetError;
use crate::events::AuthorityProposed;
use crate::instructions::admin::FaucetAdmin;
use crate::log::emit_event;

/// Proposes `new_authority` as the next authority. Nothing changes hands until that key signs
/// `accept_authority`, so a mistyped key cannot lock the faucet. A new proposal replaces a pending
/// one.
///
/// Errors: `Unauthorized`, `InvalidPendingAuthority` for the default (all-zero) key.
pub fn handler(ctx: Context<FaucetAdmin>, new_authority: Pubkey) -> Result<()> {
    require_keys_neq!(
        new_authority,
        Pubkey::default(),
        FaucetError::InvalidPendingAuthority
    );
    let now = Clock::get()?.unix_timestamp;

    let faucet = &mut ctx.accounts.faucet;
    faucet.pending_authority = new_authority;

    emit_event(&AuthorityProposed {
        faucet: faucet.key(),
        authority: ctx.accounts.authority.key(),
        pending_authority: new_authority,
        timestamp: now,
    });
    Ok(())
}
