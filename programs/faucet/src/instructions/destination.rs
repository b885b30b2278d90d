use anchor_lang::prelude::*;
use anchor_spl::associated_token::{self, get_associated_token_address_with_program_id, Create};
use anchor_spl::token_interface::TokenAccount;

use crate::error::FaucetError;
use crate::log::log_message;

/// Accounts that decide where tokens paid to a claimer may go.
pub struct Destination<'info> {
    /// The token account that is to receive the tokens.
    pub account: AccountInfo<'info>,
    pub claimer: AccountInfo<'info>,
    /// Pays the associated token account's rent if it has to be created.
    pub payer: AccountInfo<'info>,
    pub mint: AccountInfo<'info>,
    pub token_program: AccountInfo<'info>,
    pub system_program: AccountInfo<'info>,
    pub associated_token_program: Pubkey,
}

/// Makes sure tokens can only reach the claimer. A missing destination must be the claimer's
/// associated token account and is created, paid by `payer`. An existing one must be owned by
/// the faucet's token program, hold the faucet's mint and belong to the claimer.
///
/// Runs in the handler, after the faucet's constraints, so no CPI touches accounts that have not
/// been validated yet.
pub fn prepare_destination(destination: Destination) -> Result<()> {
    let address = destination.account.key();
    let claimer = destination.claimer.key();
    let mint = destination.mint.key();
    let token_program = destination.token_program.key();

    if destination.account.owner == &anchor_lang::system_program::ID {
        // Only the first payment into a new wallet gets here, so the address derivation is rare.
        let expected =
            get_associated_token_address_with_program_id(&claimer, &mint, &token_program);
        if address != expected {
            log_message(&format!(
                "Claim destination {} is missing and is not the claimer's associated token account {}",
                address, expected
            ));
            return err!(FaucetError::InvalidClaimDestination);
        }
        let create = Create {
            payer: destination.payer,
            associated_token: destination.account,
            authority: destination.claimer,
            mint: destination.mint,
            system_program: destination.system_program,
            token_program: destination.token_program,
        };
        return associated_token::create(CpiContext::new(
            destination.associated_token_program,
            create,
        ));
    }

    if destination.account.owner != &token_program {
        log_message(&format!(
            "Claim destination {} is owned by program {}, not {}",
            address, destination.account.owner, token_program
        ));
        return err!(FaucetError::InvalidClaimDestination);
    }
    let account = TokenAccount::try_deserialize(&mut &destination.account.try_borrow_data()?[..])?;
    if account.mint != mint || account.owner != claimer {
        log_message(&format!(
            "Claim destination {} holds mint {} for owner {}; expected mint {} for owner {}",
            address, account.mint, account.owner, mint, claimer
        ));
        return err!(FaucetError::InvalidClaimDestination);
    }
    Ok(())
}
