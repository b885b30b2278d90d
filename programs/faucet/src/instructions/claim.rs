use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Allocate, Assign, CreateAccount, Transfer};
use anchor_spl::associated_token::AssociatedToken;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::{CLAIM_RECORD_SEED, FAUCET_SEED};
use crate::error::FaucetError;
use crate::events::TokensClaimed;
use crate::instructions::destination::{prepare_destination, Destination};
use crate::instructions::vault::{transfer_from_vault, VaultTransfer};
use crate::log::{emit_event, log_message};
use crate::merkle;
use crate::mint_extensions::transfer_fee;
use crate::rules::{self, ClaimRejection, ClaimRequest};
use crate::state::{ClaimRecord, Faucet};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimArgs {
    /// Base units to pay, chosen by the claim authority on co-signed faucets (1 up to the drip).
    /// Must be `None` on other faucets.
    pub amount: Option<u64>,
    /// The claimer's allocation on allowlist faucets, proven by `proof`. Ignored elsewhere.
    pub allocation: Option<u64>,
    /// Sibling hashes from the claimer's leaf up to the allowlist's root.
    pub proof: Vec<[u8; 32]>,
    /// The drip amount the claimer was shown. When set, the claim fails with `DripChanged`
    /// unless the faucet's drip is still exactly this, so a config change made while the
    /// transaction was in flight cannot pay out under terms the claimer did not see.
    pub expected_drip: Option<u64>,
}

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

    /// The faucet's claim authority, on co-signed faucets. Its signature on the whole
    /// transaction binds the claimer, the faucet, the amount and the blockhash.
    pub claim_authority: Option<Signer<'info>>,

    /// The claimer's token account of the holder mint, on faucets that require a holding.
    pub holder_token_account: Option<Box<InterfaceAccount<'info, TokenAccount>>>,

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
pub fn handler(ctx: Context<Claim>, args: ClaimArgs) -> Result<()> {
    let clock = Clock::get()?;
    let now = clock.unix_timestamp;
    let accounts = ctx.accounts;
    let faucet_key = accounts.faucet.key();
    let claimer_key = accounts.claimer.key();

    match args.expected_drip {
        Some(expected) if expected != accounts.faucet.drip_amount => {
            log_message(&format!(
                "Drip amount changed: the claim expected {} base units, the faucet now drips {}",
                expected, accounts.faucet.drip_amount
            ));
            return err!(FaucetError::DripChanged);
        }
        _ => {}
    }

    check_gate(accounts, &args)?;
    let existing = load_claim_record(&accounts.claim_record, &faucet_key, &claimer_key)?;
    let request = ClaimRequest {
        amount: args.amount,
        allocation: args.allocation,
    };
    let quote = rules::check_claim_request(
        &accounts.faucet,
        existing.as_ref(),
        accounts.vault.amount,
        now,
        &request,
    )
    .map_err(|rejection| log_rejection(rejection, now))?;
    let amount = quote.amount;
    let credit = accounts.faucet.gate.accrues();

    if !credit {
        prepare_destination(Destination {
            account: accounts.claimer_token_account.to_account_info(),
            claimer: accounts.claimer.to_account_info(),
            payer: accounts.payer.to_account_info(),
            mint: accounts.mint.to_account_info(),
            token_program: accounts.token_program.to_account_info(),
            system_program: accounts.system_program.to_account_info(),
            associated_token_program: accounts.associated_token_program.key(),
        })?;
    }

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
    if credit {
        record.accrued = checked_add(record.accrued, amount)?;
        faucet.accrued_outstanding = checked_add(faucet.accrued_outstanding, amount)?;
    }
    let next_claim_at =
        rules::next_claim_at(now, faucet.cooldown_seconds).ok_or(FaucetError::MathOverflow)?;
    record.try_serialize(&mut &mut accounts.claim_record.try_borrow_mut_data()?[..])?;

    let mut fee = 0;
    if !credit {
        transfer_from_vault(
            VaultTransfer {
                faucet: &accounts.faucet,
                vault: accounts.vault.to_account_info(),
                mint: accounts.mint.to_account_info(),
                destination: accounts.claimer_token_account.to_account_info(),
                token_program: accounts.token_program.key(),
                decimals: accounts.mint.decimals,
            },
            amount,
        )?;
        fee = transfer_fee(&accounts.mint.to_account_info(), amount, clock.epoch)?;
    }

    emit_event(&TokensClaimed {
        faucet: faucet_key,
        claimer: claimer_key,
        payer: accounts.payer.key(),
        amount,
        fee,
        credited: credit,
        claimer_total_claimed: record.total_claimed,
        claimer_claim_count: record.claim_count,
        next_claim_at,
        timestamp: now,
    });
    Ok(())
}

/// Checks the faucet's gate: the claim authority's signature, the allowlist proof and the
/// holding. The amount and allocation themselves are checked by the shared rules.
fn check_gate(accounts: &Claim, args: &ClaimArgs) -> Result<()> {
    let gate = &accounts.faucet.gate;

    if gate.is_co_signed() {
        let signed = accounts
            .claim_authority
            .as_ref()
            .is_some_and(|signer| signer.key() == gate.claim_authority);
        require!(signed, FaucetError::ClaimAuthorityMissing);
    }

    if gate.has_allowlist() {
        let allocation = args.allocation.ok_or(FaucetError::AllowlistProofMissing)?;
        let leaf = merkle::leaf_hash(&accounts.claimer.key(), allocation);
        require!(
            merkle::verify(&gate.merkle_root, leaf, &args.proof),
            FaucetError::InvalidAllowlistProof
        );
    }

    if gate.requires_holding() {
        let holding = accounts
            .holder_token_account
            .as_ref()
            .ok_or(FaucetError::HolderAccountMissing)?;
        require!(
            holding.owner == accounts.claimer.key() && holding.mint == gate.holder_mint,
            FaucetError::InvalidHolderAccount
        );
        if holding.amount < gate.holder_min_amount {
            log_message(&format!(
                "Claimer holds {} base units of {}, below the required {}",
                holding.amount, gate.holder_mint, gate.holder_min_amount
            ));
            return err!(FaucetError::HolderBalanceTooLow);
        }
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
        ClaimRejection::Paused
        | ClaimRejection::ClaimerCapReached
        | ClaimRejection::InvalidAmount
        | ClaimRejection::AllowlistProofMissing
        | ClaimRejection::Overflow => {}
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
