use anchor_lang::prelude::*;

use crate::constants::FAUCET_SEED;
use crate::error::FaucetError;
use crate::state::Faucet;

/// Accounts of the instructions that only change the faucet's own fields and need the authority's
/// signature: `update_config`, `set_paused`, `propose_authority`, `cancel_authority_transfer`.
#[derive(Accounts)]
pub struct FaucetAdmin<'info> {
    /// Current authority of the faucet.
    pub authority: Signer<'info>,

    #[account(
        mut,
        seeds = [FAUCET_SEED, faucet.mint.as_ref(), faucet.creator.as_ref(), &faucet.faucet_id.to_le_bytes()],
        bump = faucet.bump,
        has_one = authority @ FaucetError::Unauthorized,
    )]
    pub faucet: Box<Account<'info, Faucet>>,
}
