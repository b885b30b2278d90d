//! Shared setup for the faucet's native tests: a chain with a funded faucet, and helpers that
//! build the exact errors the program returns.

use anchor_lang::error::ErrorCode as AnchorErrorCode;
use faucet_chain::{Chain, Executed, Failed};
use faucet_client::{ClaimLimits, CreateFaucetArgs, FaucetError, FaucetKeys, instructions, pda};
use solana_account::Account;
use solana_instruction_error::InstructionError;
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use solana_transaction_error::TransactionError;

pub use faucet_chain;

/// Decimals of the test mints.
pub const DECIMALS: u8 = 6;
/// Drip of the test faucets: 10 tokens.
pub const DRIP: u64 = 10_000_000;
/// Cooldown of the test faucets, in seconds.
pub const COOLDOWN: i64 = 60;
/// Tokens put in the vault by [`setup`]: 1,000 tokens, one hundred drips.
pub const FUNDED: u64 = 100 * DRIP;

/// SPL Token program id.
pub const SPL_TOKEN: Pubkey = spl_token_interface::ID;
/// Token-2022 program id.
pub const TOKEN_2022: Pubkey = spl_token_2022_interface::ID;

/// A chain with one faucet created by `creator` and funded with [`FUNDED`].
pub struct TestFaucet {
    pub chain: Chain,
    pub creator: Keypair,
    pub keys: FaucetKeys,
}

/// Creates a mint under `token_program`, a faucet with [`DRIP`] and [`COOLDOWN`], and funds it.
pub async fn setup(token_program: Pubkey) -> TestFaucet {
    setup_with(token_program, DRIP, COOLDOWN, FUNDED).await
}

/// Creates a mint under `token_program` and a faucet with the given config, then mints `funded`
/// base units into its vault (none when zero).
pub async fn setup_with(
    token_program: Pubkey,
    drip_amount: u64,
    cooldown_seconds: i64,
    funded: u64,
) -> TestFaucet {
    setup_with_limits(
        token_program,
        drip_amount,
        cooldown_seconds,
        funded,
        ClaimLimits::default(),
    )
    .await
}

/// Like [`setup_with`], with claim limits.
pub async fn setup_with_limits(
    token_program: Pubkey,
    drip_amount: u64,
    cooldown_seconds: i64,
    funded: u64,
    limits: ClaimLimits,
) -> TestFaucet {
    let mut chain = Chain::start().await;
    let mint = chain.create_mint(&token_program, DECIMALS).await;
    let args = CreateFaucetArgs {
        faucet_id: 0,
        drip_amount,
        cooldown_seconds,
        limits,
        allowed_mint_extensions: 0,
        gate: Default::default(),
    };
    setup_on_mint(chain, mint, args, funded).await
}

/// Creates a faucet for an existing `mint` with `args` (its `faucet_id` must be 0), then mints
/// `funded` base units into its vault (none when zero).
pub async fn setup_on_mint(
    mut chain: Chain,
    mint: Pubkey,
    args: CreateFaucetArgs,
    funded: u64,
) -> TestFaucet {
    let token_program = chain.owner(&mint).await;
    let creator = chain.new_wallet().await;
    let create = instructions::create_faucet(&creator.pubkey(), &mint, &token_program, args);
    chain
        .process(&[create], &[&creator])
        .await
        .expect("faucet creation succeeds");
    let keys = FaucetKeys::derive(&mint, &creator.pubkey(), 0, &token_program);
    if funded > 0 {
        chain.mint_to(&mint, &keys.vault, funded).await;
    }
    TestFaucet {
        chain,
        creator,
        keys,
    }
}

impl TestFaucet {
    /// Claims for `claimer`, which pays its own fee and rent.
    pub async fn claim(&mut self, claimer: &Keypair) -> Result<Executed, Failed> {
        let claim = instructions::claim(&self.keys, &claimer.pubkey(), &claimer.pubkey());
        self.chain.process_with_payer(&[claim], claimer, &[]).await
    }

    /// Returns `wallet`'s associated token account for the faucet's mint.
    pub fn token_account_of(&self, wallet: &Pubkey) -> Pubkey {
        pda::associated_token_address(wallet, &self.keys.mint, &self.keys.token_program)
    }

    /// Returns the address of `claimer`'s record.
    pub fn record_address(&self, claimer: &Pubkey) -> Pubkey {
        pda::claim_record_address(&self.keys.faucet, claimer).0
    }

    /// Returns the vault's balance in base units.
    pub async fn vault_balance(&mut self) -> u64 {
        let vault = self.keys.vault;
        self.chain.token_balance(&vault).await
    }

    /// Returns the faucet's decoded state.
    pub async fn faucet(&mut self) -> faucet_client::Faucet {
        let address = self.keys.faucet;
        self.chain
            .faucet(&address)
            .await
            .expect("the faucet exists")
    }

    /// Returns the accounts at `addresses`, to compare before and after a rejected transaction.
    pub async fn snapshot(&mut self, addresses: &[Pubkey]) -> Vec<Option<Account>> {
        let mut accounts = Vec::with_capacity(addresses.len());
        for address in addresses {
            accounts.push(self.chain.account(address).await);
        }
        accounts
    }

    /// Returns the faucet, vault, and `wallet`'s record and token account: what a rejected claim
    /// must leave untouched.
    pub async fn claim_state(&mut self, wallet: &Pubkey) -> Vec<Option<Account>> {
        let addresses = [
            self.keys.faucet,
            self.keys.vault,
            self.record_address(wallet),
            self.token_account_of(wallet),
        ];
        self.snapshot(&addresses).await
    }
}

/// Returns the error of instruction `index` failing with `error`.
pub fn faucet_error(index: u8, error: FaucetError) -> TransactionError {
    TransactionError::InstructionError(index, InstructionError::Custom(error.into()))
}

/// Returns the error of instruction `index` failing an Anchor account check.
pub fn anchor_error(index: u8, error: AnchorErrorCode) -> TransactionError {
    TransactionError::InstructionError(index, InstructionError::Custom(error.into()))
}

/// Returns the error of a failed transaction, panicking if it succeeded.
pub fn expect_failure(outcome: Result<Executed, Failed>) -> TransactionError {
    match outcome {
        Ok(executed) => panic!(
            "transaction succeeded but was expected to fail; logs: {:#?}",
            executed.logs
        ),
        Err(failed) => failed.error,
    }
}

impl TestFaucet {
    /// Rewrites the faucet account with `change` applied, for states no instruction reaches.
    pub async fn modify_faucet(&mut self, change: impl FnOnce(&mut faucet_client::Faucet)) {
        let address = self.keys.faucet;
        let mut account = self
            .chain
            .account(&address)
            .await
            .expect("the faucet exists");
        let mut faucet =
            faucet_client::decode_faucet(&account.data).expect("the account is a faucet");
        change(&mut faucet);
        account.data.clear();
        anchor_lang::AccountSerialize::try_serialize(&faucet, &mut account.data)
            .expect("serializable");
        self.chain.set_account(&address, account);
    }

    /// Rewrites `claimer`'s record with `change` applied.
    pub async fn modify_claim_record(
        &mut self,
        claimer: &Pubkey,
        change: impl FnOnce(&mut faucet_client::ClaimRecord),
    ) {
        let address = self.record_address(claimer);
        let mut account = self
            .chain
            .account(&address)
            .await
            .expect("the record exists");
        let mut record = faucet_client::decode_claim_record(&account.data)
            .expect("the account is a claim record");
        change(&mut record);
        account.data.clear();
        anchor_lang::AccountSerialize::try_serialize(&record, &mut account.data)
            .expect("serializable");
        self.chain.set_account(&address, account);
    }

    /// Runs `instructions` signed by the faucet's creator (its authority unless handed over).
    pub async fn process_as_creator(
        &mut self,
        instructions: &[solana_instruction::Instruction],
    ) -> Result<Executed, Failed> {
        let creator = self.creator.insecure_clone();
        self.chain.process(instructions, &[&creator]).await
    }
}

/// Returns a copy of `instruction` with the account at `index` replaced by `address`, keeping its
/// signer and writable flags.
pub fn replace_account(
    instruction: &solana_instruction::Instruction,
    index: usize,
    address: Pubkey,
) -> solana_instruction::Instruction {
    let mut instruction = instruction.clone();
    instruction.accounts[index].pubkey = address;
    instruction
}

/// Returns the position of `address` in `instruction`'s accounts.
pub fn account_index(instruction: &solana_instruction::Instruction, address: &Pubkey) -> usize {
    instruction
        .accounts
        .iter()
        .position(|meta| meta.pubkey == *address)
        .expect("the instruction lists the account")
}
