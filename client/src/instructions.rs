//! One builder per program instruction. Each returns a ready [`Instruction`]: the account list
//! comes from the program's `accounts` structs and the data from its `instruction` structs.

use anchor_lang::{InstructionData, ToAccountMetas};
use solana_instruction::Instruction;
use solana_pubkey::Pubkey;

use faucet::instructions::{ClaimArgs, CreateFaucetArgs, UpdateConfigArgs};
use faucet::state::Faucet;

use crate::pda::{associated_token_address, claim_record_address, faucet_address, vault_address};

const SYSTEM_PROGRAM_ID: Pubkey = anchor_lang::system_program::ID;
const ASSOCIATED_TOKEN_PROGRAM_ID: Pubkey = spl_associated_token_account_interface::program::ID;

/// The addresses that identify one faucet and that most builders need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FaucetKeys {
    pub faucet: Pubkey,
    pub mint: Pubkey,
    pub vault: Pubkey,
    pub token_program: Pubkey,
}

impl FaucetKeys {
    /// Derives the keys of the faucet that `creator` creates (or created) for `mint`.
    pub fn derive(mint: &Pubkey, creator: &Pubkey, faucet_id: u64, token_program: &Pubkey) -> Self {
        let faucet = faucet_address(mint, creator, faucet_id).0;
        Self {
            faucet,
            mint: *mint,
            vault: vault_address(&faucet).0,
            token_program: *token_program,
        }
    }

    /// Reads the keys from a decoded faucet at `address`.
    pub fn from_account(address: &Pubkey, faucet: &Faucet) -> Self {
        Self {
            faucet: *address,
            mint: faucet.mint,
            vault: faucet.vault,
            token_program: faucet.token_program,
        }
    }
}

fn instruction(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    Instruction {
        program_id: faucet::ID,
        accounts: accounts.to_account_metas(None),
        data: data.data(),
    }
}

/// Builds `create_faucet`: `creator` signs, pays rent and becomes the authority.
///
/// ```
/// use faucet_client::{instructions, ClaimGate, ClaimLimits, CreateFaucetArgs, FaucetKeys};
/// # use solana_pubkey::Pubkey;
/// let (creator, mint, token_program) = (Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique());
/// let args = CreateFaucetArgs {
///     faucet_id: 0,
///     drip_amount: 10_000_000,
///     cooldown_seconds: 60,
///     limits: ClaimLimits::default(),
///     allowed_mint_extensions: 0,
///     gate: ClaimGate::default(),
/// };
/// let ix = instructions::create_faucet(&creator, &mint, &token_program, args);
/// let keys = FaucetKeys::derive(&mint, &creator, 0, &token_program);
/// assert_eq!(ix.accounts[2].pubkey, keys.faucet);
/// assert!(ix.accounts[0].is_signer);
/// ```
pub fn create_faucet(
    creator: &Pubkey,
    mint: &Pubkey,
    token_program: &Pubkey,
    args: CreateFaucetArgs,
) -> Instruction {
    let keys = FaucetKeys::derive(mint, creator, args.faucet_id, token_program);
    instruction(
        faucet::accounts::CreateFaucet {
            creator: *creator,
            mint: *mint,
            faucet: keys.faucet,
            vault: keys.vault,
            token_program: *token_program,
            system_program: SYSTEM_PROGRAM_ID,
        },
        faucet::instruction::CreateFaucet { args },
    )
}

/// Builds `fund`: moves `amount` base units from `source`, owned by `funder`, into the vault.
///
/// ```
/// use faucet_client::{instructions, FaucetKeys};
/// # use solana_pubkey::Pubkey;
/// let keys = FaucetKeys::derive(&Pubkey::new_unique(), &Pubkey::new_unique(), 0, &Pubkey::new_unique());
/// let (funder, source) = (Pubkey::new_unique(), Pubkey::new_unique());
/// let ix = instructions::fund(&keys, &funder, &source, 1_000);
/// assert!(ix.accounts.iter().any(|meta| meta.pubkey == keys.vault && meta.is_writable));
/// ```
pub fn fund(keys: &FaucetKeys, funder: &Pubkey, source: &Pubkey, amount: u64) -> Instruction {
    instruction(
        faucet::accounts::Fund {
            funder: *funder,
            faucet: keys.faucet,
            mint: keys.mint,
            vault: keys.vault,
            source: *source,
            token_program: keys.token_program,
        },
        faucet::instruction::Fund { amount },
    )
}

/// Builds `claim`: `claimer` receives one drip in its associated token account; `payer` pays the
/// fee and any rent. Pass the same key twice when the claimer pays for itself.
///
/// ```
/// use faucet_client::{instructions, pda, FaucetKeys};
/// # use solana_pubkey::Pubkey;
/// let keys = FaucetKeys::derive(&Pubkey::new_unique(), &Pubkey::new_unique(), 0, &Pubkey::new_unique());
/// let (claimer, sponsor) = (Pubkey::new_unique(), Pubkey::new_unique());
/// let ix = instructions::claim(&keys, &claimer, &sponsor);
/// let record = pda::claim_record_address(&keys.faucet, &claimer).0;
/// assert!(ix.accounts.iter().any(|meta| meta.pubkey == record && meta.is_writable));
/// ```
pub fn claim(keys: &FaucetKeys, claimer: &Pubkey, payer: &Pubkey) -> Instruction {
    claim_with(keys, claimer, payer, &ClaimOptions::default())
}

/// Extra accounts and arguments of a claim on a gated faucet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimOptions {
    /// The faucet's claim authority, which must then sign the transaction (co-signed faucets).
    pub claim_authority: Option<Pubkey>,
    /// The claimer's token account of the holder mint (faucets that require a holding).
    pub holder_token_account: Option<Pubkey>,
    /// Co-signed amount and allowlist proof.
    pub args: ClaimArgs,
}

/// Builds `claim` for a gated faucet: co-signed, allowlist or holder-only.
///
/// ```
/// use faucet_client::instructions::{self, ClaimOptions};
/// use faucet_client::{ClaimArgs, FaucetKeys};
/// # use solana_pubkey::Pubkey;
/// let keys = FaucetKeys::derive(&Pubkey::new_unique(), &Pubkey::new_unique(), 0, &Pubkey::new_unique());
/// let (claimer, backend) = (Pubkey::new_unique(), Pubkey::new_unique());
/// let options = ClaimOptions {
///     claim_authority: Some(backend),
///     args: ClaimArgs { amount: Some(5_000_000), ..ClaimArgs::default() },
///     ..ClaimOptions::default()
/// };
/// let ix = instructions::claim_with(&keys, &claimer, &backend, &options);
/// assert!(ix.accounts.iter().any(|meta| meta.pubkey == backend && meta.is_signer));
/// ```
pub fn claim_with(
    keys: &FaucetKeys,
    claimer: &Pubkey,
    payer: &Pubkey,
    options: &ClaimOptions,
) -> Instruction {
    instruction(
        faucet::accounts::Claim {
            claimer: *claimer,
            payer: *payer,
            faucet: keys.faucet,
            mint: keys.mint,
            vault: keys.vault,
            claim_record: claim_record_address(&keys.faucet, claimer).0,
            claimer_token_account: associated_token_address(
                claimer,
                &keys.mint,
                &keys.token_program,
            ),
            claim_authority: options.claim_authority,
            holder_token_account: options.holder_token_account,
            token_program: keys.token_program,
            associated_token_program: ASSOCIATED_TOKEN_PROGRAM_ID,
            system_program: SYSTEM_PROGRAM_ID,
        },
        faucet::instruction::Claim {
            args: options.args.clone(),
        },
    )
}

fn admin(faucet: &Pubkey, authority: &Pubkey) -> faucet::accounts::FaucetAdmin {
    faucet::accounts::FaucetAdmin {
        authority: *authority,
        faucet: *faucet,
    }
}

/// Builds `update_config`: `None` keeps a field as it is.
///
/// ```
/// use faucet_client::{instructions, UpdateConfigArgs};
/// # use solana_pubkey::Pubkey;
/// let args = UpdateConfigArgs { drip_amount: Some(5), ..UpdateConfigArgs::default() };
/// let ix = instructions::update_config(&Pubkey::new_unique(), &Pubkey::new_unique(), args);
/// assert!(ix.accounts[0].is_signer);
/// ```
pub fn update_config(faucet: &Pubkey, authority: &Pubkey, args: UpdateConfigArgs) -> Instruction {
    instruction(
        admin(faucet, authority),
        faucet::instruction::UpdateConfig { args },
    )
}

/// Builds `set_paused`: `true` pauses claims, `false` resumes them.
///
/// ```
/// # use solana_pubkey::Pubkey;
/// let ix = faucet_client::instructions::set_paused(&Pubkey::new_unique(), &Pubkey::new_unique(), true);
/// assert_eq!(ix.data.last(), Some(&1));
/// ```
pub fn set_paused(faucet: &Pubkey, authority: &Pubkey, paused: bool) -> Instruction {
    instruction(
        admin(faucet, authority),
        faucet::instruction::SetPaused { paused },
    )
}

/// Builds `propose_authority`: the first step of an authority hand-over.
///
/// ```
/// # use solana_pubkey::Pubkey;
/// let next = Pubkey::new_unique();
/// let ix = faucet_client::instructions::propose_authority(&Pubkey::new_unique(), &Pubkey::new_unique(), &next);
/// assert_eq!(&ix.data[8..], next.as_ref());
/// ```
pub fn propose_authority(
    faucet: &Pubkey,
    authority: &Pubkey,
    new_authority: &Pubkey,
) -> Instruction {
    instruction(
        admin(faucet, authority),
        faucet::instruction::ProposeAuthority {
            new_authority: *new_authority,
        },
    )
}

/// Builds `cancel_authority_transfer`: withdraws a pending proposal.
///
/// ```
/// # use solana_pubkey::Pubkey;
/// let ix = faucet_client::instructions::cancel_authority_transfer(&Pubkey::new_unique(), &Pubkey::new_unique());
/// assert_eq!(ix.data.len(), 8);
/// ```
pub fn cancel_authority_transfer(faucet: &Pubkey, authority: &Pubkey) -> Instruction {
    instruction(
        admin(faucet, authority),
        faucet::instruction::CancelAuthorityTransfer {},
    )
}

/// Builds `accept_authority`: the proposed key signs to become the authority.
///
/// ```
/// # use solana_pubkey::Pubkey;
/// let next = Pubkey::new_unique();
/// let ix = faucet_client::instructions::accept_authority(&Pubkey::new_unique(), &next);
/// assert_eq!(ix.accounts[0].pubkey, next);
/// assert!(ix.accounts[0].is_signer);
/// ```
pub fn accept_authority(faucet: &Pubkey, new_authority: &Pubkey) -> Instruction {
    instruction(
        faucet::accounts::AcceptAuthority {
            new_authority: *new_authority,
            faucet: *faucet,
        },
        faucet::instruction::AcceptAuthority {},
    )
}

/// Builds `withdraw`: moves `amount` base units from the vault to `destination`.
///
/// ```
/// use faucet_client::{instructions, FaucetKeys};
/// # use solana_pubkey::Pubkey;
/// let keys = FaucetKeys::derive(&Pubkey::new_unique(), &Pubkey::new_unique(), 0, &Pubkey::new_unique());
/// let destination = Pubkey::new_unique();
/// let ix = instructions::withdraw(&keys, &Pubkey::new_unique(), &destination, 500);
/// assert!(ix.accounts.iter().any(|meta| meta.pubkey == destination && meta.is_writable));
/// ```
pub fn withdraw(
    keys: &FaucetKeys,
    authority: &Pubkey,
    destination: &Pubkey,
    amount: u64,
) -> Instruction {
    instruction(
        faucet::accounts::Withdraw {
            authority: *authority,
            faucet: keys.faucet,
            mint: keys.mint,
            vault: keys.vault,
            destination: *destination,
            token_program: keys.token_program,
        },
        faucet::instruction::Withdraw { amount },
    )
}

/// Builds `close_faucet`: the vault's tokens go to `destination`, the rent to `authority`.
///
/// ```
/// use faucet_client::{instructions, FaucetKeys};
/// # use solana_pubkey::Pubkey;
/// let keys = FaucetKeys::derive(&Pubkey::new_unique(), &Pubkey::new_unique(), 0, &Pubkey::new_unique());
/// let authority = Pubkey::new_unique();
/// let ix = instructions::close_faucet(&keys, &authority, &Pubkey::new_unique());
/// assert!(ix.accounts[0].is_writable);
/// ```
pub fn close_faucet(keys: &FaucetKeys, authority: &Pubkey, destination: &Pubkey) -> Instruction {
    instruction(
        faucet::accounts::CloseFaucet {
            authority: *authority,
            faucet: keys.faucet,
            mint: keys.mint,
            vault: keys.vault,
            destination: *destination,
            token_program: keys.token_program,
        },
        faucet::instruction::CloseFaucet {},
    )
}

/// Builds `close_claim_record`: after `faucet` is closed, `rent_payer` (who paid for `claimer`'s
/// record) takes the record's rent back.
///
/// ```
/// use faucet_client::{instructions, pda};
/// # use solana_pubkey::Pubkey;
/// let (faucet, claimer, sponsor) = (Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique());
/// let ix = instructions::close_claim_record(&faucet, &claimer, &sponsor);
/// assert_eq!(ix.accounts[3].pubkey, pda::claim_record_address(&faucet, &claimer).0);
/// assert!(ix.accounts[0].is_signer && ix.accounts[0].is_writable);
/// ```
pub fn close_claim_record(faucet: &Pubkey, claimer: &Pubkey, rent_payer: &Pubkey) -> Instruction {
    instruction(
        faucet::accounts::CloseClaimRecord {
            rent_payer: *rent_payer,
            faucet: *faucet,
            claimer: *claimer,
            claim_record: claim_record_address(faucet, claimer).0,
        },
        faucet::instruction::CloseClaimRecord {},
    )
}

/// Builds `withdraw_accrued`: pays `claimer`'s accrued credit into its associated token account.
///
/// ```
/// use faucet_client::{instructions, FaucetKeys};
/// # use solana_pubkey::Pubkey;
/// let keys = FaucetKeys::derive(&Pubkey::new_unique(), &Pubkey::new_unique(), 0, &Pubkey::new_unique());
/// let claimer = Pubkey::new_unique();
/// let ix = instructions::withdraw_accrued(&keys, &claimer, &claimer);
/// assert!(ix.accounts[0].is_signer);
/// ```
pub fn withdraw_accrued(keys: &FaucetKeys, claimer: &Pubkey, payer: &Pubkey) -> Instruction {
    instruction(
        faucet::accounts::WithdrawAccrued {
            claimer: *claimer,
            payer: *payer,
            faucet: keys.faucet,
            mint: keys.mint,
            vault: keys.vault,
            claim_record: claim_record_address(&keys.faucet, claimer).0,
            claimer_token_account: associated_token_address(
                claimer,
                &keys.mint,
                &keys.token_program,
            ),
            token_program: keys.token_program,
            associated_token_program: ASSOCIATED_TOKEN_PROGRAM_ID,
            system_program: SYSTEM_PROGRAM_ID,
        },
        faucet::instruction::WithdrawAccrued {},
    )
}
