use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Allocate, Assign, CreateAccount, Transfer};
use anchor_spl::associated_token::{
    self, AssociatedToken, Create, get_associated_token_address_with_program_id,
};
use anchor_spl::token_interface::{self, Mint, TokenAccount, TokenInterface, TransferChecked};

use crate::constants::{CLAIM_RECORD_SEED, FAUCET_SEED};
use crate::error::FaucetError;
use crate::events::TokensClaimed;
use crate::log::{emit_event, log_message};
use crate::mint_extensions::transfer_fee;
use crate::rules::{self, ClaimRejection};
use crate::state::{ClaimRecord, Faucet};

#[derive(Accounts)]
pub struct Claim<'info> {
    /// Wallet that receives the drip. Its signature stops anyone from claiming on its behalf.
    pub claimer: Signer<'info>,

    /// Pays the fee, the claim record's rent on the first claim and the rent of the claimer's
    /// token account if it is missing. May be the claimer or a sponsor.
    #[account(mut)]
    pub payer: Signer<'info>,

    #[account(
        mut,
        seeds = [FAUCET_SEED, faucet.mint.as_ref(), faucet.creator.as_ref(), &faucet.faucet_id.to_le_bytes()],
        bump = faucet.bump,
        has_one = mint,
        has_one = vault,
        has_one = token_program,
    )]
    pub faucet: Box<Account<'info, Faucet>>,

    pub mint: Box<InterfaceAccount<'info, Mint>>,

    /// Faucet vault, debited.
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,

    /// Claimer's record at `[CLAIM_RECORD_SEED, faucet, claimer]`, created on the first claim.
    /// CHECK: an existing record must be owned by this program, carry the `ClaimRecord`
    /// discriminator and match its seeds with the stored bump. A missing one must sit at the
    /// canonical address. `load_claim_record` and `create_claim_record` check both cases.
    #[account(mut)]
    pub claim_record: UncheckedAccount<'info>,

    /// Destination of the drip: the claimer's associated token account, created here if missing,
    /// or any existing token account of the faucet's mint that the claimer owns.
    /// CHECK: checked in `prepare_destination`, after the faucet's constraints, so that no CPI
    /// runs on accounts that have not been validated yet.
    #[account(mut)]
    pub claimer_token_account: UncheckedAccount<'info>,

    pub token_program: Interface<'info, TokenInterface>,
    pub associated_token_program: Program<'info, AssociatedToken>,
    pub system_program: Program<'info, System>,
}

/// Sends one drip from the vault to the claimer's token account and records the claim.
///
/// The rules are those of [`rules::check_claim`]: pause, claim window, cooldown, the claimer's
/// caps (the claim that reaches the amount cap is cut to what is left), the global budget and the
/// vault balance. Counters use checked arithmetic and fail with `MathOverflow`.
///
/// Errors: `FaucetPaused`, `ClaimWindowNotOpen`, `ClaimWindowClosed`, `CooldownActive` and
/// `BudgetExhausted` (the log gives the next allowed time), `ClaimerCapReached`,
/// `VaultBalanceTooLow`, `InvalidClaimRecord`, `InvalidClaimDestination`, `MathOverflow`.
pub fn handler(ctx: Context<Claim>) -> Result<()> {
    let clock = Clock::get()?;
    let now = clock.unix_timestamp;
    let accounts = ctx.accounts;
    let faucet_key = accounts.faucet.key();
    let claimer_key = accounts.claimer.key();

    let existing = load_claim_record(&accounts.claim_record, &faucet_key, &claimer_key)?;
    let quote = rules::check_claim(
        &accounts.faucet,
        existing.as_ref(),
        accounts.vault.amount,
        now,
    )
    .map_err(|rejection| log_rejection(rejection, now))?;
    let amount = quote.amount;

    prepare_destination(accounts)?;

    let first_claim = existing.is_none();
    let mut record = match existing {
        Some(record) => record,
        None => create_claim_record(accounts, &faucet_key, &claimer_key)?,
    };

    record.last_claim_at = now;
    record.total_claimed = checked_add(record.total_claimed, amount)?;
    record.claim_count = checked_add(record.claim_count, 1)?;
    let faucet = &mut accounts.faucet;
    faucet.total_claimed = checked_add(faucet.total_claimed, amount)?;
    faucet.claim_count = checked_add(faucet.claim_count, 1)?;
    if first_claim {
        faucet.claimer_count = checked_add(faucet.claimer_count, 1)?;
    }
    if faucet.limits.has_budget() {
        faucet.budget_level = quote.budget_level;
        faucet.budget_updated_at = faucet.budget_updated_at.max(now);
    }
    let next_claim_at =
        rules::next_claim_at(now, faucet.cooldown_seconds).ok_or(FaucetError::MathOverflow)?;
    record.try_serialize(&mut &mut accounts.claim_record.try_borrow_mut_data()?[..])?;

    let faucet_id = accounts.faucet.faucet_id.to_le_bytes();
    let signer_seeds = accounts.faucet.signer_seeds(&faucet_id);
    let signers: &[&[&[u8]]] = &[&signer_seeds];
    let transfer = CpiContext::new_with_signer(
        accounts.token_program.key(),
        TransferChecked {
            from: accounts.vault.to_account_info(),
            mint: accounts.mint.to_account_info(),
            to: accounts.claimer_token_account.to_account_info(),
            authority: accounts.faucet.to_account_info(),
        },
        signers,
    );
    token_interface::transfer_checked(transfer, amount, accounts.mint.decimals)?;
    let fee = transfer_fee(&accounts.mint.to_account_info(), amount, clock.epoch)?;

    emit_event(&TokensClaimed {
        faucet: faucet_key,
        claimer: claimer_key,
        payer: accounts.payer.key(),
        amount,
        fee,
        claimer_total_claimed: record.total_claimed,
        claimer_claim_count: record.claim_count,
        next_claim_at,
        timestamp: now,
    });
    Ok(())
}

/// Makes sure the drip can only reach the claimer. A missing destination must be the claimer's
/// associated token account and is created, paid by `payer`. An existing one must be owned by
/// the faucet's token program, hold the faucet's mint and belong to the claimer.
fn prepare_destination(accounts: &Claim) -> Result<()> {
    let destination = accounts.claimer_token_account.to_account_info();
    let claimer = accounts.claimer.key();
    let mint = accounts.mint.key();
    let token_program = accounts.token_program.key();

    if destination.owner == &system_program::ID {
        // Only the first claim into a new wallet gets here, so the address derivation is rare.
        let expected =
            get_associated_token_address_with_program_id(&claimer, &mint, &token_program);
        if destination.key() != expected {
            log_message(&format!(
                "Claim destination {} is missing and is not the claimer's associated token account {}",
                destination.key(),
                expected
            ));
            return err!(FaucetError::InvalidClaimDestination);
        }
        let create = Create {
            payer: accounts.payer.to_account_info(),
            associated_token: destination,
            authority: accounts.claimer.to_account_info(),
            mint: accounts.mint.to_account_info(),
            system_program: accounts.system_program.to_account_info(),
            token_program: accounts.token_program.to_account_info(),
        };
        return associated_token::create(CpiContext::new(
            accounts.associated_token_program.key(),
            create,
        ));
    }

    if destination.owner != &token_program {
        log_message(&format!(
            "Claim destination {} is owned by program {}, not {}",
            destination.key(),
            destination.owner,
            token_program
        ));
        return err!(FaucetError::InvalidClaimDestination);
    }
    let account = TokenAccount::try_deserialize(&mut &destination.try_borrow_data()?[..])?;
    if account.mint != mint || account.owner != claimer {
        log_message(&format!(
            "Claim destination {} holds mint {} for owner {}; expected mint {} for owner {}",
            destination.key(),
            account.mint,
            account.owner,
            mint,
            claimer
        ));
        return err!(FaucetError::InvalidClaimDestination);
    }
    Ok(())
}

fn checked_add(a: u64, b: u64) -> Result<u64> {
    a.checked_add(b)
        .ok_or_else(|| error!(FaucetError::MathOverflow))
}

/// Logs why a claim was rejected, with the values a client needs, and returns the error. Runs only
/// on the failure path, so successful claims pay for no formatting.
fn log_rejection(rejection: ClaimRejection, now: i64) -> Error {
    match rejection {
        ClaimRejection::CooldownActive { next_claim_at } => log_message(&format!(
            "Cooldown active: next claim allowed at unix time {} (in {} s)",
            next_claim_at,
            next_claim_at.saturating_sub(now)
        )),
        ClaimRejection::BudgetExhausted { next_claim_at } => log_message(&format!(
            "Global budget exhausted: next claim allowed at unix time {} (in {} s) unless others claim first",
            next_claim_at,
            next_claim_at.saturating_sub(now)
        )),
        ClaimRejection::WindowNotOpen { opens_at } => log_message(&format!(
            "Claim window opens at unix time {} (in {} s)",
            opens_at,
            opens_at.saturating_sub(now)
        )),
        ClaimRejection::WindowClosed { closed_at } => {
            log_message(&format!("Claim window closed at unix time {}", closed_at))
        }
        ClaimRejection::VaultBalanceTooLow {
            vault_balance,
            amount,
        } => log_message(&format!(
            "Vault balance {} is below the claim amount {} (base units)",
            vault_balance, amount
        )),
        ClaimRejection::Paused | ClaimRejection::ClaimerCapReached | ClaimRejection::Overflow => {}
    }
    error!(FaucetError::from(rejection))
}

/// Returns the claimer's record, or `None` if it does not exist yet. An existing record is trusted
/// only if this program owns it, it carries the `ClaimRecord` discriminator and its address
/// matches the seeds with its stored bump (one hash, no bump search).
fn load_claim_record(
    info: &AccountInfo,
    faucet: &Pubkey,
    claimer: &Pubkey,
) -> Result<Option<ClaimRecord>> {
    if info.owner != &crate::ID {
        return Ok(None);
    }

    let record = ClaimRecord::try_deserialize(&mut &info.try_borrow_data()?[..])?;
    let seeds: [&[u8]; 4] = [
        CLAIM_RECORD_SEED,
        faucet.as_ref(),
        claimer.as_ref(),
        core::slice::from_ref(&record.bump),
    ];
    let expected = Pubkey::create_program_address(&seeds, &crate::ID)
        .map_err(|_| error!(FaucetError::InvalidClaimRecord))?;
    require_keys_eq!(expected, info.key(), FaucetError::InvalidClaimRecord);
    Ok(Some(record))
}

/// Creates the claimer's record at its canonical address, paid by `payer`, and returns it empty.
/// Lamports sent to the address in advance are kept: the payer only tops up to rent exemption.
fn create_claim_record(accounts: &Claim, faucet: &Pubkey, claimer: &Pubkey) -> Result<ClaimRecord> {
    let info = accounts.claim_record.to_account_info();
    let (expected, bump) = Pubkey::find_program_address(
        &[CLAIM_RECORD_SEED, faucet.as_ref(), claimer.as_ref()],
        &crate::ID,
    );
    require_keys_eq!(expected, info.key(), FaucetError::InvalidClaimRecord);
    // The account is not a record of this program, so it must be uncreated: system-owned and empty.
    require!(
        info.owner == &system_program::ID && info.data_is_empty(),
        FaucetError::InvalidClaimRecord
    );

    let seeds: [&[u8]; 4] = [
        CLAIM_RECORD_SEED,
        faucet.as_ref(),
        claimer.as_ref(),
        &[bump],
    ];
    let signer_seeds: &[&[&[u8]]] = &[&seeds];
    let system = accounts.system_program.key();
    let payer = accounts.payer.to_account_info();
    let space = ClaimRecord::SPACE as u64;
    let rent_exempt = Rent::get()?.minimum_balance(ClaimRecord::SPACE);

    if info.lamports() == 0 {
        let create = CreateAccount {
            from: payer,
            to: info,
        };
        system_program::create_account(
            CpiContext::new_with_signer(system, create, signer_seeds),
            rent_exempt,
            space,
            &crate::ID,
        )?;
    } else {
        let shortfall = rent_exempt.saturating_sub(info.lamports());
        if shortfall > 0 {
            let transfer = Transfer {
                from: payer,
                to: info.clone(),
            };
            system_program::transfer(CpiContext::new(system, transfer), shortfall)?;
        }
        let allocate = Allocate {
            account_to_allocate: info.clone(),
        };
        system_program::allocate(
            CpiContext::new_with_signer(system, allocate, signer_seeds),
            space,
        )?;
        let assign = Assign {
            account_to_assign: info,
        };
        system_program::assign(
            CpiContext::new_with_signer(system, assign, signer_seeds),
            &crate::ID,
        )?;
    }

    Ok(ClaimRecord {
        bump,
        rent_payer: accounts.payer.key(),
        ..ClaimRecord::default()
    })
}
