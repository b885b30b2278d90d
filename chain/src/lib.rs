//! An in-process Solana chain for tests, the demo and local tools: solana-program-test's bank
//! with the faucet program loaded natively and the real SPL Token (p-token build), Token-2022 and
//! Associated Token Account programs that program-test ships as SBF binaries.
//!
//! It also provides funded wallets, mints, token accounts and control of the `Clock` sysvar.

mod native;

use solana_account::Account;
use solana_clock::Clock;
use solana_hash::Hash;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_program_pack::Pack;
use solana_program_test::{
    BanksClient, BanksClientError, ProgramTest, ProgramTestContext, processor,
};
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use solana_system_interface::instruction as system_instruction;
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction_error::TransactionError;
use spl_token_2022_interface::extension::{self, ExtensionType};
use spl_token_2022_interface::{instruction as token_instruction, state as token_state};

pub use solana_program_test;

/// Fee per signature charged by the in-process bank, in lamports.
pub const LAMPORTS_PER_SIGNATURE: u64 = 5_000;

/// Program id of SPL Token (the p-token build at the Tokenkeg address).
pub const SPL_TOKEN_PROGRAM_ID: Pubkey = spl_token_interface::ID;

/// Lamports given to each wallet made by [`Chain::new_wallet`]: 10 SOL.
pub const WALLET_LAMPORTS: u64 = 10_000_000_000;

/// Logs of a transaction that succeeded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Executed {
    pub logs: Vec<String>,
    /// Compute units the runtime counted. Native programs are not metered, so this covers only
    /// the SBF programs the transaction called (the token programs).
    pub compute_units: u64,
    /// Return data set by the last program that set any: program id and bytes.
    pub return_data: Option<(Pubkey, Vec<u8>)>,
}

/// A transaction that failed, with its error and the logs printed up to the failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failed {
    pub error: TransactionError,
    pub logs: Vec<String>,
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "transaction failed: {}", self.error)
    }
}

impl std::error::Error for Failed {}

/// A Token-2022 mint extension for [`Chain::create_token_2022_mint`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MintExtension {
    /// A transfer fee of `basis_points` / 10,000 of each transfer, at most `maximum_fee`.
    TransferFee { basis_points: u16, maximum_fee: u64 },
    /// A permanent delegate that can move or burn any account's tokens.
    PermanentDelegate(Pubkey),
    /// A transfer hook that calls `program_id` on every transfer.
    TransferHook { program_id: Pubkey },
    /// Tokens cannot be transferred.
    NonTransferable,
    /// New token accounts start frozen. The payer becomes the freeze authority.
    DefaultFrozen,
    /// Confidential transfers, with the payer as their authority.
    ConfidentialTransfers,
}

impl MintExtension {
    fn extension_type(&self) -> ExtensionType {
        match self {
            MintExtension::TransferFee { .. } => ExtensionType::TransferFeeConfig,
            MintExtension::PermanentDelegate(_) => ExtensionType::PermanentDelegate,
            MintExtension::TransferHook { .. } => ExtensionType::TransferHook,
            MintExtension::NonTransferable => ExtensionType::NonTransferable,
            MintExtension::DefaultFrozen => ExtensionType::DefaultAccountState,
            MintExtension::ConfidentialTransfers => ExtensionType::ConfidentialTransferMint,
        }
    }

    fn initialize(&self, mint: &Pubkey, payer: &Pubkey) -> Instruction {
        let program = &spl_token_2022_interface::ID;
        let instruction = match *self {
            MintExtension::TransferFee {
                basis_points,
                maximum_fee,
            } => extension::transfer_fee::instruction::initialize_transfer_fee_config(
                program,
                mint,
                Some(payer),
                Some(payer),
                basis_points,
                maximum_fee,
            ),
            MintExtension::PermanentDelegate(delegate) => {
                token_instruction::initialize_permanent_delegate(program, mint, &delegate)
            }
            MintExtension::TransferHook { program_id } => {
                extension::transfer_hook::instruction::initialize(
                    program,
                    mint,
                    Some(*payer),
                    Some(program_id),
                )
            }
            MintExtension::NonTransferable => {
                token_instruction::initialize_non_transferable_mint(program, mint)
            }
            MintExtension::DefaultFrozen => {
                extension::default_account_state::instruction::initialize_default_account_state(
                    program,
                    mint,
                    &token_state::AccountState::Frozen,
                )
            }
            MintExtension::ConfidentialTransfers => {
                extension::confidential_transfer::instruction::initialize_mint(
                    program,
                    mint,
                    Some(*payer),
                    true,
                    None,
                )
            }
        };
        instruction.expect("valid extension instruction")
    }
}

/// The in-process chain. Each `Chain` has its own bank, so tests can run side by side.
pub struct Chain {
    context: ProgramTestContext,
}

impl Chain {
    /// Starts a chain with the faucet program and the token programs loaded.
    pub async fn start() -> Self {
        let mut program_test = ProgramTest::default();
        // program-test turns on debug logs of every instruction unless RUST_LOG is set. Keep
        // errors only by default; RUST_LOG still chooses when it is set.
        agave_logger::setup_with_default("error");
        // Run the faucet natively even if BPF_OUT_DIR or SBF_OUT_DIR point at a built `.so`.
        program_test.prefer_bpf(false);
        program_test.add_program("faucet", faucet::ID, processor!(native::faucet_entrypoint));
        let context = program_test.start_with_context().await;
        native::install_stub_forwarder();
        Self { context }
    }

    /// Returns the wallet that pays for [`Chain::process`] and is the authority of mints made here.
    pub fn payer(&self) -> Keypair {
        self.context.payer.insecure_clone()
    }

    /// Returns a fresh blockhash, so that two identical transactions get different signatures.
    pub async fn new_blockhash(&mut self) -> Hash {
        self.context
            .get_new_latest_blockhash()
            .await
            .expect("the in-process bank always produces blockhashes")
    }

    /// Runs `instructions` in one transaction paid by [`Chain::payer`], signed also by `signers`.
    pub async fn process(
        &mut self,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> Result<Executed, Failed> {
        let payer = self.payer();
        self.process_with_payer(instructions, &payer, signers).await
    }

    /// Runs `instructions` in one transaction paid by `payer`, signed also by `signers`.
    pub async fn process_with_payer(
        &mut self,
        instructions: &[Instruction],
        payer: &Keypair,
        signers: &[&Keypair],
    ) -> Result<Executed, Failed> {
        let blockhash = self.new_blockhash().await;
        let transaction =
            faucet_client::transaction::signed_transaction(instructions, payer, signers, blockhash);
        self.process_transaction(transaction).await
    }

    /// Runs a signed transaction and returns its logs or its error.
    ///
    /// Signatures are verified first, as a validator's sigverify stage does: program-test's bank
    /// would otherwise run a transaction whose message no longer matches its signatures.
    pub async fn process_transaction(
        &mut self,
        transaction: impl Into<VersionedTransaction>,
    ) -> Result<Executed, Failed> {
        let transaction = transaction.into();
        verify_signatures(&transaction)?;
        let outcome = self
            .context
            .banks_client
            .process_transaction_with_metadata(transaction)
            .await;
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(BanksClientError::TransactionError(error)) => {
                return Err(Failed {
                    error,
                    logs: Vec::new(),
                });
            }
            Err(error) => panic!("the in-process bank failed: {error}"),
        };
        let (logs, compute_units, return_data) = match outcome.metadata {
            Some(metadata) => (
                metadata.log_messages,
                metadata.compute_units_consumed,
                metadata
                    .return_data
                    .map(|data| (data.program_id, data.data)),
            ),
            None => (Vec::new(), 0, None),
        };
        let logs = native::tidy_native_logs(logs);
        match outcome.result {
            Ok(()) => Ok(Executed {
                logs,
                compute_units,
                return_data,
            }),
            Err(error) => Err(Failed { error, logs }),
        }
    }

    /// Runs a transaction against the current state without committing it.
    pub async fn simulate_transaction(
        &mut self,
        transaction: impl Into<VersionedTransaction>,
        verify: bool,
    ) -> Result<Executed, Failed> {
        let transaction = transaction.into();
        if verify {
            verify_signatures(&transaction)?;
        }
        let simulation = self
            .context
            .banks_client
            .simulate_transaction(transaction)
            .await;
        let simulation = match simulation {
            Ok(simulation) => simulation,
            Err(BanksClientError::TransactionError(error)) => {
                return Err(Failed {
                    error,
                    logs: Vec::new(),
                });
            }
            Err(error) => panic!("the in-process bank failed: {error}"),
        };
        let details = simulation.simulation_details;
        let logs = details
            .as_ref()
            .map(|details| native::tidy_native_logs(details.logs.clone()))
            .unwrap_or_default();
        match simulation.result {
            Some(Ok(())) | None => Ok(Executed {
                logs,
                compute_units: details.as_ref().map_or(0, |details| details.units_consumed),
                return_data: details
                    .and_then(|details| details.return_data)
                    .map(|data| (data.program_id, data.data)),
            }),
            Some(Err(error)) => Err(Failed { error, logs }),
        }
    }

    /// Returns a client of the bank, for read-only queries.
    pub fn banks_client(&self) -> BanksClient {
        self.context.banks_client.clone()
    }

    /// Returns the current slot, from the `Clock` sysvar.
    pub async fn slot(&mut self) -> u64 {
        self.clock().await.slot
    }

    /// Moves the bank to the next slot, which records a new blockhash. The `Clock` sysvar's Unix
    /// timestamp is kept, not recomputed.
    pub async fn advance_slot(&mut self) {
        let clock = self.clock().await;
        self.context
            .warp_to_slot(clock.slot + 1)
            .expect("the next slot is ahead of the current one");
        let mut next = self.clock().await;
        next.unix_timestamp = clock.unix_timestamp;
        self.context.set_sysvar(&next);
    }

    /// Returns the account at `address`, or `None` if no account exists there.
    pub async fn account(&mut self, address: &Pubkey) -> Option<Account> {
        self.context
            .banks_client
            .get_account(*address)
            .await
            .expect("the in-process bank serves account reads")
    }

    /// Returns the lamports at `address`, zero for a missing account.
    pub async fn lamports(&mut self, address: &Pubkey) -> u64 {
        self.account(address)
            .await
            .map_or(0, |account| account.lamports)
    }

    /// Overwrites the account at `address`, for tests that need a state no instruction produces.
    pub fn set_account(&mut self, address: &Pubkey, account: Account) {
        self.context.set_account(address, &account.into());
    }

    /// Returns the minimum balance for rent exemption of `data_len` bytes.
    pub async fn rent_exempt_minimum(&mut self, data_len: usize) -> u64 {
        let rent = self
            .context
            .banks_client
            .get_rent()
            .await
            .expect("rent sysvar is readable");
        rent.minimum_balance(data_len)
    }

    /// Returns the `Clock` sysvar's Unix timestamp, in seconds.
    pub async fn unix_timestamp(&mut self) -> i64 {
        self.clock().await.unix_timestamp
    }

    /// Sets the `Clock` sysvar's Unix timestamp, in seconds. Moving it backwards is allowed.
    pub async fn set_unix_timestamp(&mut self, unix_timestamp: i64) {
        let mut clock = self.clock().await;
        clock.unix_timestamp = unix_timestamp;
        self.context.set_sysvar(&clock);
    }

    /// Moves the `Clock` sysvar's Unix timestamp by `seconds`.
    pub async fn advance_clock(&mut self, seconds: i64) {
        let now = self.unix_timestamp().await;
        self.set_unix_timestamp(now + seconds).await;
    }

    async fn clock(&mut self) -> Clock {
        self.context
            .banks_client
            .get_sysvar::<Clock>()
            .await
            .expect("clock sysvar is readable")
    }

    /// Creates a wallet holding [`WALLET_LAMPORTS`].
    pub async fn new_wallet(&mut self) -> Keypair {
        let wallet = Keypair::new();
        let payer = self.payer();
        let transfer =
            system_instruction::transfer(&payer.pubkey(), &wallet.pubkey(), WALLET_LAMPORTS);
        self.process(&[transfer], &[])
            .await
            .expect("the payer funds new wallets");
        wallet
    }

    /// Creates a mint without extensions under `token_program` (SPL Token or Token-2022). The
    /// payer is its mint authority.
    pub async fn create_mint(&mut self, token_program: &Pubkey, decimals: u8) -> Pubkey {
        let mint = Keypair::new();
        let payer = self.payer();
        let lamports = self.rent_exempt_minimum(token_state::Mint::LEN).await;
        let instructions = [
            system_instruction::create_account(
                &payer.pubkey(),
                &mint.pubkey(),
                lamports,
                token_state::Mint::LEN as u64,
                token_program,
            ),
            // Token-2022's builder encodes InitializeMint2 identically for both programs.
            token_instruction::initialize_mint2(
                token_program,
                &mint.pubkey(),
                &payer.pubkey(),
                None,
                decimals,
            )
            .expect("valid mint instruction"),
        ];
        self.process(&instructions, &[&mint])
            .await
            .expect("mint creation succeeds");
        mint.pubkey()
    }

    /// Creates a Token-2022 mint with `extensions`. The payer is its mint authority, and its
    /// freeze authority too.
    pub async fn create_token_2022_mint(
        &mut self,
        decimals: u8,
        extensions: &[MintExtension],
    ) -> Pubkey {
        let program = spl_token_2022_interface::ID;
        let mint = Keypair::new();
        let payer = self.payer();
        let types: Vec<ExtensionType> = extensions
            .iter()
            .map(MintExtension::extension_type)
            .collect();
        let space = ExtensionType::try_calculate_account_len::<token_state::Mint>(&types)
            .expect("known mint extensions");
        let lamports = self.rent_exempt_minimum(space).await;
        let mut instructions = vec![system_instruction::create_account(
            &payer.pubkey(),
            &mint.pubkey(),
            lamports,
            space as u64,
            &program,
        )];
        instructions.extend(
            extensions
                .iter()
                .map(|extension| extension.initialize(&mint.pubkey(), &payer.pubkey())),
        );
        instructions.push(
            token_instruction::initialize_mint2(
                &program,
                &mint.pubkey(),
                &payer.pubkey(),
                Some(&payer.pubkey()),
                decimals,
            )
            .expect("valid mint instruction"),
        );
        self.process(&instructions, &[&mint])
            .await
            .expect("mint creation succeeds");
        mint.pubkey()
    }

    /// Mints `amount` base units of `mint` into `destination`.
    pub async fn mint_to(&mut self, mint: &Pubkey, destination: &Pubkey, amount: u64) {
        let payer = self.payer();
        let token_program = self.owner(mint).await;
        let mint_to = token_instruction::mint_to(
            &token_program,
            mint,
            destination,
            &payer.pubkey(),
            &[],
            amount,
        )
        .expect("valid mint_to instruction");
        self.process(&[mint_to], &[])
            .await
            .expect("the payer is the mint authority");
    }

    /// Creates `owner`'s associated token account for `mint` and returns its address.
    pub async fn create_associated_token_account(
        &mut self,
        owner: &Pubkey,
        mint: &Pubkey,
    ) -> Pubkey {
        let payer = self.payer();
        let token_program = self.owner(mint).await;
        let create =
            spl_associated_token_account_interface::instruction::create_associated_token_account(
                &payer.pubkey(),
                owner,
                mint,
                &token_program,
            );
        self.process(&[create], &[])
            .await
            .expect("associated token account creation succeeds");
        faucet_client::pda::associated_token_address(owner, mint, &token_program)
    }

    /// Creates a token account for `mint` owned by `owner` at a new keypair address (not the
    /// associated one) and returns its address.
    pub async fn create_token_account(&mut self, owner: &Pubkey, mint: &Pubkey) -> Pubkey {
        let account = Keypair::new();
        let payer = self.payer();
        let token_program = self.owner(mint).await;
        let lamports = self.rent_exempt_minimum(token_state::Account::LEN).await;
        let instructions = [
            system_instruction::create_account(
                &payer.pubkey(),
                &account.pubkey(),
                lamports,
                token_state::Account::LEN as u64,
                &token_program,
            ),
            token_instruction::initialize_account3(&token_program, &account.pubkey(), mint, owner)
                .expect("valid token account instruction"),
        ];
        self.process(&instructions, &[&account])
            .await
            .expect("token account creation succeeds");
        account.pubkey()
    }

    /// Returns the token balance, in base units, of the token account at `address`, or zero if
    /// no account exists there.
    pub async fn token_balance(&mut self, address: &Pubkey) -> u64 {
        let Some(account) = self.account(address).await else {
            return 0;
        };
        token_state::Account::unpack_from_slice(&account.data[..token_state::Account::LEN])
            .expect("the account is a token account")
            .amount
    }

    /// Returns the decimals of `mint`.
    pub async fn decimals(&mut self, mint: &Pubkey) -> u8 {
        let account = self.account(mint).await.expect("the mint exists");
        token_state::Mint::unpack_from_slice(&account.data[..token_state::Mint::LEN])
            .expect("the account is a mint")
            .decimals
    }

    /// Returns the program that owns the account at `address`.
    pub async fn owner(&mut self, address: &Pubkey) -> Pubkey {
        self.account(address)
            .await
            .expect("the account exists")
            .owner
    }

    /// Returns the decoded faucet at `address`, or `None` if no faucet is there.
    pub async fn faucet(&mut self, address: &Pubkey) -> Option<faucet_client::Faucet> {
        let account = self.account(address).await?;
        faucet_client::decode_faucet(&account.data).ok()
    }

    /// Returns the decoded claim record at `address`, or `None` if no record is there.
    pub async fn claim_record(&mut self, address: &Pubkey) -> Option<faucet_client::ClaimRecord> {
        let account = self.account(address).await?;
        faucet_client::decode_claim_record(&account.data).ok()
    }
}

/// Checks every signature of `transaction` against its message.
fn verify_signatures(transaction: &VersionedTransaction) -> Result<(), Failed> {
    if transaction.verify_with_results().iter().all(|valid| *valid) {
        Ok(())
    } else {
        Err(Failed {
            error: TransactionError::SignatureFailure,
            logs: Vec::new(),
        })
    }
}
