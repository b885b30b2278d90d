//! Operator commands that talk to a cluster: create, fund, claim, status, update, pause, resume,
//! authority hand-over, withdraw and close.

use anyhow::{Context, bail};
use clap::{Args, Subcommand};
use faucet_client::amount::{format_amount, parse_amount};
use faucet_client::errors::program_error;
use faucet_client::instructions::{self, ClaimOptions};
use faucet_client::{
    ClaimArgs, ClaimGate, ClaimLimits, ClaimRejection, CreateFaucetArgs, Faucet, FaucetError,
    FaucetKeys, UpdateConfigArgs, check_claim, pda, rpc,
};
use serde_json::json;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_program_pack::Pack;
use solana_pubkey::Pubkey;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_signature::Signature;
use solana_signer::Signer;
use spl_token_2022_interface::{instruction as token_instruction, state as token_state};

use crate::cluster::{Cluster, OutputFormat, read_keypair};
use crate::display::format_utc;

#[derive(Subcommand)]
pub enum OperatorCommand {
    /// Create a faucet for a mint; on a local node, optionally create a test mint first.
    Create(Box<CreateArgs>),
    /// Move tokens from your token account into a faucet's vault.
    Fund {
        /// Faucet address.
        faucet: Pubkey,
        /// Amount in token units (the mint's decimals apply).
        amount: String,
        /// Source token account. Defaults to your associated token account.
        #[arg(long)]
        from: Option<Pubkey>,
    },
    /// Claim one drip into your associated token account.
    Claim {
        /// Faucet address.
        faucet: Pubkey,
        /// Keypair file of the claimer. Defaults to --keypair; the fee payer pays fees and rent.
        #[arg(long)]
        claimer: Option<std::path::PathBuf>,
        /// Co-signed faucets: keypair file of the claim authority, which co-signs.
        #[arg(long)]
        claim_authority: Option<std::path::PathBuf>,
        /// Co-signed faucets: tokens to claim, up to the drip.
        #[arg(long, requires = "claim_authority")]
        amount: Option<String>,
        /// Allowlist faucets: the CSV the root was built from, to prove the claimer's allocation.
        #[arg(long)]
        allowlist: Option<std::path::PathBuf>,
    },
    /// Accrual mode: pay out your accrued credit into your associated token account.
    WithdrawAccrued {
        /// Faucet address.
        faucet: Pubkey,
    },
    /// Show a faucet and, with --wallet, that wallet's claims and when it may claim next.
    Status {
        /// Faucet address.
        faucet: Pubkey,
        #[arg(long)]
        wallet: Option<Pubkey>,
    },
    /// Change the drip amount and/or the cooldown (authority only).
    Update {
        /// Faucet address.
        faucet: Pubkey,
        /// New drip amount in token units.
        #[arg(long)]
        drip: Option<String>,
        /// New cooldown in seconds.
        #[arg(long, allow_negative_numbers = true)]
        cooldown: Option<i64>,
    },
    /// Stop claims until `resume` (authority only).
    Pause {
        /// Faucet address.
        faucet: Pubkey,
    },
    /// Allow claims again (authority only).
    Resume {
        /// Faucet address.
        faucet: Pubkey,
    },
    /// Propose a new authority, who must then run `accept-authority` (authority only).
    ProposeAuthority {
        faucet: Pubkey,
        new_authority: Pubkey,
    },
    /// Withdraw a pending authority proposal (authority only).
    CancelAuthorityTransfer {
        /// Faucet address.
        faucet: Pubkey,
    },
    /// After a faucet is closed, take back the rent you paid for a claim record.
    CloseClaimRecord {
        /// Address of the closed faucet.
        faucet: Pubkey,
        /// Wallet whose record to close. Defaults to your own.
        #[arg(long)]
        claimer: Option<Pubkey>,
    },
    /// Become the authority of a faucet you were proposed for.
    AcceptAuthority {
        /// Faucet address.
        faucet: Pubkey,
    },
    /// Move tokens out of the vault (authority only).
    Withdraw {
        /// Faucet address.
        faucet: Pubkey,
        /// Amount in token units.
        amount: String,
        /// Destination token account. Defaults to your associated token account, created if
        /// missing.
        #[arg(long)]
        to: Option<Pubkey>,
    },
    /// Empty the vault and close the faucet; rent returns to the authority (authority only).
    Close {
        /// Faucet address.
        faucet: Pubkey,
        /// Destination of the remaining tokens. Defaults to your associated token account.
        #[arg(long)]
        to: Option<Pubkey>,
    },
}

#[derive(Args)]
pub struct CreateArgs {
    /// Mint of the token to hand out.
    #[arg(
        long,
        conflicts_with = "create_test_mint",
        required_unless_present = "create_test_mint"
    )]
    mint: Option<Pubkey>,
    /// Create a new mint you control and mint --test-supply tokens to yourself (local node only).
    #[arg(long)]
    create_test_mint: bool,
    /// With --create-test-mint: use Token-2022 instead of SPL Token.
    #[arg(long, requires = "create_test_mint")]
    token_2022: bool,
    /// With --create-test-mint: decimals of the new mint.
    #[arg(long, default_value_t = 6, requires = "create_test_mint")]
    decimals: u8,
    /// With --create-test-mint: tokens minted to you.
    #[arg(long, default_value = "1000000", requires = "create_test_mint")]
    test_supply: String,
    /// Tokens per claim.
    #[arg(long)]
    drip: String,
    /// Seconds between two claims of one wallet (1 to 31536000).
    #[arg(long, allow_negative_numbers = true)]
    cooldown: i64,
    /// Number that distinguishes several faucets you create for one mint.
    #[arg(long, default_value_t = 0)]
    faucet_id: u64,
    /// Lifetime cap on claims per wallet.
    #[arg(long)]
    max_claims: Option<u64>,
    /// Lifetime cap on tokens per wallet.
    #[arg(long)]
    max_amount: Option<String>,
    /// Global budget: at most this many tokens per --budget-period.
    #[arg(long)]
    budget: Option<String>,
    /// Period of --budget, in seconds.
    #[arg(long, default_value_t = 3_600)]
    budget_period: i64,
    /// Unix time from which claims are accepted.
    #[arg(long, allow_negative_numbers = true)]
    window_start: Option<i64>,
    /// Unix time from which claims are rejected.
    #[arg(long, allow_negative_numbers = true)]
    window_end: Option<i64>,
    /// Key that must co-sign every claim (task rewards).
    #[arg(long)]
    claim_authority: Option<Pubkey>,
    /// Allowlist Merkle root, 64 hex characters, as printed by `faucet allowlist`.
    #[arg(long)]
    merkle_root: Option<String>,
    /// Mint that claimers must hold.
    #[arg(long)]
    holder_mint: Option<Pubkey>,
    /// With --holder-mint: base units of it a claimer must hold.
    #[arg(long, default_value_t = 1, requires = "holder_mint")]
    holder_min: u64,
    /// Accrual mode: credit claims and pay out once a wallet's credit reaches this many tokens.
    #[arg(long)]
    accrual_threshold: Option<String>,
    /// ALLOW_* flags of risky Token-2022 extensions to accept (see the README).
    #[arg(long, default_value_t = 0)]
    allow_extensions: u16,
}

/// Runs an operator command.
pub async fn run(cluster: Cluster, command: OperatorCommand) -> anyhow::Result<()> {
    match command {
        OperatorCommand::Create(args) => create(&cluster, *args).await,
        OperatorCommand::Fund {
            faucet,
            amount,
            from,
        } => {
            let loaded = load(&cluster.rpc, &faucet).await?;
            let amount = parse_amount(&amount, loaded.decimals).map_err(anyhow::Error::msg)?;
            let owner = cluster.signer.pubkey();
            let source = from.unwrap_or_else(|| {
                pda::associated_token_address(&owner, &loaded.keys.mint, &loaded.keys.token_program)
            });
            cluster.fund_if_local(&cluster.payer()).await?;
            let fund = instructions::fund(&loaded.keys, &owner, &source, amount);
            let signature = send(&cluster, &[fund], &[&cluster.signer])
                .await
                .map_err(|error| {
                    let hint = match error
                        .downcast_ref::<RejectedByProgram>()
                        .map(|rejected| rejected.0.code)
                    {
                        // SPL Token's InsufficientFunds.
                        Some(1) => format!(
                            "source {source} holds less than {} tokens",
                            format_amount(amount, loaded.decimals)
                        ),
                        Some(3012) => format!(
                            "source token account {source} does not exist: pass --from ACCOUNT"
                        ),
                        _ => return error,
                    };
                    error.context(hint)
                })?;
            let text = format!(
                "Funded faucet {faucet} with {} tokens",
                format_amount(amount, loaded.decimals)
            );
            report(
                &cluster,
                json!({ "faucet": faucet.to_string(), "amount": amount, "signature": signature.to_string() }),
                text,
            )
        }
        OperatorCommand::Claim {
            faucet,
            claimer,
            claim_authority,
            amount,
            allowlist,
        } => {
            let claimer = match claimer {
                Some(path) => read_keypair(&path)?,
                None => cluster.signer.insecure_clone(),
            };
            let co_signer = claim_authority
                .map(|path| read_keypair(&path))
                .transpose()?;
            let gated = GatedClaim {
                co_signer,
                amount,
                allowlist,
            };
            claim(&cluster, &faucet, &claimer, gated).await
        }
        OperatorCommand::WithdrawAccrued { faucet } => {
            let loaded = load(&cluster.rpc, &faucet).await?;
            let claimer = cluster.signer.pubkey();
            let credit = rpc::fetch_claim_record(&cluster.rpc, &faucet, &claimer)
                .await?
                .map_or(0, |record| record.accrued);
            cluster.fund_if_local(&cluster.payer()).await?;
            let withdraw = instructions::withdraw_accrued(&loaded.keys, &claimer, &cluster.payer());
            let signature = send(&cluster, &[withdraw], &[&cluster.signer]).await?;
            let text = format!(
                "Withdrew {} tokens of accrued credit",
                format_amount(credit, loaded.decimals)
            );
            report(
                &cluster,
                json!({ "faucet": faucet.to_string(), "amount": credit, "signature": signature.to_string() }),
                text,
            )
        }
        OperatorCommand::Status { faucet, wallet } => status(&cluster, &faucet, wallet).await,
        OperatorCommand::Update {
            faucet,
            drip,
            cooldown,
        } => {
            let loaded = load(&cluster.rpc, &faucet).await?;
            let drip_amount = drip
                .map(|drip| parse_amount(&drip, loaded.decimals))
                .transpose()
                .map_err(anyhow::Error::msg)?;
            let args = UpdateConfigArgs {
                drip_amount,
                cooldown_seconds: cooldown,
                ..UpdateConfigArgs::default()
            };
            authority_action(
                &cluster,
                &faucet,
                instructions::update_config(&faucet, &cluster.signer.pubkey(), args),
                "Updated the faucet's config",
            )
            .await
        }
        OperatorCommand::Pause { faucet } => {
            let pause = instructions::set_paused(&faucet, &cluster.signer.pubkey(), true);
            authority_action(&cluster, &faucet, pause, "Paused claims").await
        }
        OperatorCommand::Resume { faucet } => {
            let resume = instructions::set_paused(&faucet, &cluster.signer.pubkey(), false);
            authority_action(&cluster, &faucet, resume, "Resumed claims").await
        }
        OperatorCommand::ProposeAuthority {
            faucet,
            new_authority,
        } => {
            let propose =
                instructions::propose_authority(&faucet, &cluster.signer.pubkey(), &new_authority);
            authority_action(
                &cluster,
                &faucet,
                propose,
                &format!("Proposed {new_authority} as authority; it must run accept-authority"),
            )
            .await
        }
        OperatorCommand::CancelAuthorityTransfer { faucet } => {
            let cancel = instructions::cancel_authority_transfer(&faucet, &cluster.signer.pubkey());
            authority_action(
                &cluster,
                &faucet,
                cancel,
                "Cancelled the pending authority transfer",
            )
            .await
        }
        OperatorCommand::CloseClaimRecord { faucet, claimer } => {
            let claimer = claimer.unwrap_or_else(|| cluster.signer.pubkey());
            let close =
                instructions::close_claim_record(&faucet, &claimer, &cluster.signer.pubkey());
            authority_action(
                &cluster,
                &faucet,
                close,
                &format!("Closed the claim record of {claimer} and returned its rent"),
            )
            .await
        }
        OperatorCommand::AcceptAuthority { faucet } => {
            let accept = instructions::accept_authority(&faucet, &cluster.signer.pubkey());
            authority_action(&cluster, &faucet, accept, "You are now the authority").await
        }
        OperatorCommand::Withdraw { faucet, amount, to } => {
            let loaded = load(&cluster.rpc, &faucet).await?;
            let amount = parse_amount(&amount, loaded.decimals).map_err(anyhow::Error::msg)?;
            let (destination, mut instructions) = destination(&cluster, &loaded.keys, to);
            instructions.push(instructions::withdraw(
                &loaded.keys,
                &cluster.signer.pubkey(),
                &destination,
                amount,
            ));
            let signature = send(&cluster, &instructions, &[&cluster.signer]).await?;
            let text = format!(
                "Withdrew {} tokens to {destination}",
                format_amount(amount, loaded.decimals)
            );
            report(
                &cluster,
                json!({ "faucet": faucet.to_string(), "amount": amount, "destination": destination.to_string(), "signature": signature.to_string() }),
                text,
            )
        }
        OperatorCommand::Close { faucet, to } => {
            let loaded = load(&cluster.rpc, &faucet).await?;
            let (destination, mut instructions) = destination(&cluster, &loaded.keys, to);
            instructions.push(instructions::close_faucet(
                &loaded.keys,
                &cluster.signer.pubkey(),
                &destination,
            ));
            let signature = send(&cluster, &instructions, &[&cluster.signer]).await?;
            report(
                &cluster,
                json!({ "faucet": faucet.to_string(), "destination": destination.to_string(), "signature": signature.to_string() }),
                format!("Closed faucet {faucet}; remaining tokens went to {destination}"),
            )
        }
    }
}

/// A faucet read from the cluster, with its mint's decimals.
struct Loaded {
    faucet: Faucet,
    keys: FaucetKeys,
    decimals: u8,
}

async fn load(rpc: &RpcClient, address: &Pubkey) -> anyhow::Result<Loaded> {
    let faucet = rpc::fetch_faucet(rpc, address)
        .await
        .with_context(|| format!("failed to load faucet {address}"))?;
    let keys = FaucetKeys::from_account(address, &faucet);
    let decimals = mint_decimals(rpc, &faucet.mint).await?;
    Ok(Loaded {
        faucet,
        keys,
        decimals,
    })
}

async fn mint_decimals(rpc: &RpcClient, mint: &Pubkey) -> anyhow::Result<u8> {
    let account = rpc
        .get_account(mint)
        .await
        .with_context(|| format!("failed to load mint {mint}"))?;
    let not_a_mint = || anyhow::anyhow!("account {mint} is not a token mint");
    if account.owner != spl_token_interface::ID && account.owner != spl_token_2022_interface::ID {
        return Err(not_a_mint());
    }
    let data = account
        .data
        .get(..token_state::Mint::LEN)
        .ok_or_else(not_a_mint)?;
    let mint_state = token_state::Mint::unpack_from_slice(data).map_err(|_| not_a_mint())?;
    Ok(mint_state.decimals)
}

/// Returns the cluster's time from the `Clock` sysvar, in Unix seconds.
async fn cluster_time(rpc: &RpcClient) -> anyhow::Result<i64> {
    let account = rpc.get_account(&solana_sdk_ids::sysvar::clock::ID).await?;
    // The Clock sysvar is bincode: slot, epoch_start_timestamp, epoch, leader_schedule_epoch,
    // unix_timestamp, each 8 bytes.
    let bytes: [u8; 8] = account
        .data
        .get(32..40)
        .and_then(|slice| slice.try_into().ok())
        .context("Clock sysvar is too short")?;
    Ok(i64::from_le_bytes(bytes))
}

/// Returns the destination token account for withdrawals, and an instruction that creates it
/// if it is the signer's missing associated token account.
fn destination(
    cluster: &Cluster,
    keys: &FaucetKeys,
    to: Option<Pubkey>,
) -> (Pubkey, Vec<Instruction>) {
    if let Some(to) = to {
        return (to, Vec::new());
    }
    let owner = cluster.signer.pubkey();
    let address = pda::associated_token_address(&owner, &keys.mint, &keys.token_program);
    let create = spl_associated_token_account_interface::instruction::create_associated_token_account_idempotent(
        &cluster.payer(),
        &owner,
        &keys.mint,
        &keys.token_program,
    );
    (address, vec![create])
}

/// Signs and sends `instructions`, with a spinner unless the output is JSON, and turns a
/// rejection into the program's own error message.
async fn send(
    cluster: &Cluster,
    instructions: &[Instruction],
    signers: &[&Keypair],
) -> anyhow::Result<Signature> {
    let blockhash = cluster
        .rpc
        .get_latest_blockhash()
        .await
        .context("failed to get a recent blockhash")?;
    let transaction = faucet_client::transaction::signed_transaction(
        instructions,
        &cluster.fee_payer,
        signers,
        blockhash,
    );
    let sent = match cluster.output {
        OutputFormat::Display => {
            cluster
                .rpc
                .send_and_confirm_transaction_with_spinner(&transaction)
                .await
        }
        OutputFormat::Json => cluster.rpc.send_and_confirm_transaction(&transaction).await,
    };
    sent.map_err(|error| {
        match error
            .get_transaction_error()
            .as_ref()
            .and_then(program_error)
        {
            Some(program) => anyhow::Error::new(RejectedByProgram(program)),
            None => anyhow::Error::new(error).context("transaction failed"),
        }
    })
}

/// A transaction rejected by a program, with its decoded error.
#[derive(Debug)]
struct RejectedByProgram(faucet_client::errors::ProgramError);

impl std::fmt::Display for RejectedByProgram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "rejected: {}", self.0)
    }
}

impl std::error::Error for RejectedByProgram {}

fn report(cluster: &Cluster, value: serde_json::Value, text: String) -> anyhow::Result<()> {
    match cluster.output {
        OutputFormat::Json => println!("{value}"),
        OutputFormat::Display => println!("{text}"),
    }
    Ok(())
}

async fn authority_action(
    cluster: &Cluster,
    faucet: &Pubkey,
    instruction: Instruction,
    text: &str,
) -> anyhow::Result<()> {
    cluster.fund_if_local(&cluster.payer()).await?;
    let signature = send(cluster, &[instruction], &[&cluster.signer]).await?;
    report(
        cluster,
        json!({ "faucet": faucet.to_string(), "signature": signature.to_string() }),
        format!("{text} (faucet {faucet})"),
    )
}

async fn create(cluster: &Cluster, args: CreateArgs) -> anyhow::Result<()> {
    let creator = cluster.signer.pubkey();
    cluster.fund_if_local(&cluster.payer()).await?;
    let decimals = match args.mint {
        Some(mint) => mint_decimals(&cluster.rpc, &mint).await?,
        None => args.decimals,
    };
    let tokens = |text: &str| parse_amount(text, decimals).map_err(anyhow::Error::msg);

    let budget = args.budget.as_deref().map(tokens).transpose()?;
    let limits = ClaimLimits {
        max_claims_per_claimer: args.max_claims.unwrap_or(0),
        max_amount_per_claimer: args
            .max_amount
            .as_deref()
            .map(tokens)
            .transpose()?
            .unwrap_or(0),
        budget_capacity: budget.unwrap_or(0),
        budget_refill_amount: budget.unwrap_or(0),
        budget_refill_period_seconds: if budget.is_some() {
            args.budget_period
        } else {
            0
        },
        window_start: args.window_start.unwrap_or(0),
        window_end: args.window_end.unwrap_or(0),
    };
    let merkle_root = match &args.merkle_root {
        Some(hex) => parse_root(hex)?,
        None => [0; 32],
    };
    let gate = ClaimGate {
        claim_authority: args.claim_authority.unwrap_or_default(),
        merkle_root,
        holder_mint: args.holder_mint.unwrap_or_default(),
        holder_min_amount: if args.holder_mint.is_some() {
            args.holder_min
        } else {
            0
        },
        accrual_threshold: args
            .accrual_threshold
            .as_deref()
            .map(tokens)
            .transpose()?
            .unwrap_or(0),
    };
    let create_args = CreateFaucetArgs {
        faucet_id: args.faucet_id,
        drip_amount: tokens(&args.drip)?,
        cooldown_seconds: args.cooldown,
        limits,
        allowed_mint_extensions: args.allow_extensions,
        gate,
    };
    // Check the config here, so that a mistake costs no test mint and no transaction fee.
    let invalid = |error: anchor_lang::error::Error| match error {
        anchor_lang::error::Error::AnchorError(error) => {
            anyhow::anyhow!("invalid config: {}", error.error_msg)
        }
        other => anyhow::anyhow!("invalid config: {other}"),
    };
    faucet::state::validate_drip_amount(create_args.drip_amount).map_err(invalid)?;
    faucet::state::validate_cooldown(create_args.cooldown_seconds).map_err(invalid)?;
    create_args
        .limits
        .validate(create_args.drip_amount)
        .map_err(invalid)?;

    let mint = match args.mint {
        Some(mint) => mint,
        None => create_test_mint(cluster, &args).await?,
    };
    let token_program = cluster
        .rpc
        .get_account(&mint)
        .await
        .with_context(|| format!("failed to load mint {mint}"))?
        .owner;
    let keys = FaucetKeys::derive(&mint, &creator, args.faucet_id, &token_program);
    let create = instructions::create_faucet(&creator, &mint, &token_program, create_args);
    let signature = send(cluster, &[create], &[&cluster.signer]).await.map_err(|error| {
        // The system program's AccountAlreadyInUse, raised by the faucet account's `init`.
        match error.downcast_ref::<RejectedByProgram>() {
            Some(rejected) if rejected.0.code == 0 => error.context(format!(
                "a faucet for mint {mint}, creator {creator} and --faucet-id {} already exists at {}: pass another --faucet-id",
                args.faucet_id, keys.faucet
            )),
            _ => error,
        }
    })?;
    let text = format!(
        "Created faucet {}\n  mint {mint} ({decimals} decimals), vault {}\n  drip {} tokens, cooldown {} s",
        keys.faucet, keys.vault, args.drip, args.cooldown
    );
    report(
        cluster,
        json!({ "faucet": keys.faucet.to_string(), "mint": mint.to_string(), "vault": keys.vault.to_string(), "signature": signature.to_string() }),
        text,
    )
}

fn parse_root(hex: &str) -> anyhow::Result<[u8; 32]> {
    let invalid = || anyhow::anyhow!("invalid --merkle-root {hex:?}: expected 64 hex characters");
    if hex.len() != 64 || !hex.is_ascii() {
        return Err(invalid());
    }
    let mut root = [0u8; 32];
    for (index, byte) in root.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * index..2 * index + 2], 16).map_err(|_| invalid())?;
    }
    Ok(root)
}

async fn create_test_mint(cluster: &Cluster, args: &CreateArgs) -> anyhow::Result<Pubkey> {
    if !cluster.is_local() {
        bail!(
            "--create-test-mint works only against a local node (got {}); pass --mint instead",
            cluster.url
        );
    }
    let token_program = if args.token_2022 {
        spl_token_2022_interface::ID
    } else {
        spl_token_interface::ID
    };
    let supply = parse_amount(&args.test_supply, args.decimals).map_err(anyhow::Error::msg)?;

    let mint = Keypair::new();
    let owner = cluster.signer.pubkey();
    let payer = cluster.payer();
    let lamports = cluster
        .rpc
        .get_minimum_balance_for_rent_exemption(token_state::Mint::LEN)
        .await?;
    let account = pda::associated_token_address(&owner, &mint.pubkey(), &token_program);

    let instructions = [
        solana_system_interface::instruction::create_account(
            &payer,
            &mint.pubkey(),
            lamports,
            token_state::Mint::LEN as u64,
            &token_program,
        ),
        token_instruction::initialize_mint2(
            &token_program,
            &mint.pubkey(),
            &owner,
            None,
            args.decimals,
        )?,
        spl_associated_token_account_interface::instruction::create_associated_token_account(
            &payer,
            &owner,
            &mint.pubkey(),
            &token_program,
        ),
        token_instruction::mint_to(
            &token_program,
            &mint.pubkey(),
            &account,
            &owner,
            &[],
            supply,
        )?,
    ];
    send(cluster, &instructions, &[&cluster.signer, &mint]).await?;
    if cluster.output == OutputFormat::Display {
        println!(
            "Created test mint {} and minted {} tokens to {account}",
            mint.pubkey(),
            args.test_supply
        );
    }
    Ok(mint.pubkey())
}

/// Extra keys and files of a claim on a gated faucet.
struct GatedClaim {
    co_signer: Option<Keypair>,
    amount: Option<String>,
    allowlist: Option<std::path::PathBuf>,
}

async fn claim(
    cluster: &Cluster,
    faucet: &Pubkey,
    claimer: &Keypair,
    gated: GatedClaim,
) -> anyhow::Result<()> {
    let loaded = load(&cluster.rpc, faucet).await?;
    let gate = loaded.faucet.gate;
    cluster.fund_if_local(&cluster.payer()).await?;

    let mut options = ClaimOptions {
        args: ClaimArgs {
            expected_drip: Some(loaded.faucet.drip_amount),
            ..ClaimArgs::default()
        },
        ..ClaimOptions::default()
    };
    if gate.is_co_signed() {
        let co_signer = gated.co_signer.as_ref().with_context(|| format!("faucet {faucet} needs the co-signature of its claim authority {}: pass --claim-authority KEYPAIR and --amount", gate.claim_authority))?;
        let amount = gated
            .amount
            .as_deref()
            .context("co-signed claims need --amount")?;
        options.claim_authority = Some(co_signer.pubkey());
        options.args.amount =
            Some(parse_amount(amount, loaded.decimals).map_err(anyhow::Error::msg)?);
    }
    if gate.has_allowlist() {
        let path = gated.allowlist.as_ref().with_context(|| format!("faucet {faucet} has an allowlist: pass --allowlist FILE, the CSV its root was built from"))?;
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("failed to read {}", path.display()))?;
        let list = faucet_client::allowlist::Allowlist::from_csv(&text, loaded.decimals)
            .map_err(anyhow::Error::msg)?;
        if list.root() != gate.merkle_root {
            bail!(
                "{} does not produce this faucet's allowlist root",
                path.display()
            );
        }
        let (allocation, proof) = list
            .proof(&claimer.pubkey())
            .with_context(|| format!("{} is not on the allowlist", claimer.pubkey()))?;
        options.args.allocation = Some(allocation);
        options.args.proof = proof;
    }
    if gate.requires_holding() {
        let holder_program = cluster.rpc.get_account(&gate.holder_mint).await?.owner;
        options.holder_token_account = Some(pda::associated_token_address(
            &claimer.pubkey(),
            &gate.holder_mint,
            &holder_program,
        ));
    }

    let before = rpc::fetch_claim_record(&cluster.rpc, faucet, &claimer.pubkey()).await?;
    let instruction =
        instructions::claim_with(&loaded.keys, &claimer.pubkey(), &cluster.payer(), &options);
    let mut signers = vec![claimer];
    signers.extend(gated.co_signer.as_ref());
    let signature = match send(cluster, &[instruction], &signers).await {
        Ok(signature) => signature,
        Err(error) => {
            return Err(explain_claim_failure(cluster, &loaded, &claimer.pubkey(), error).await);
        }
    };

    // The amount cap can cut a claim, so report what the record gained rather than the drip.
    let after = rpc::fetch_claim_record(&cluster.rpc, faucet, &claimer.pubkey())
        .await?
        .context("claim record missing after a successful claim")?;
    let amount = after.total_claimed - before.map_or(0, |record| record.total_claimed);
    let next = faucet_client::next_claim_at(after.last_claim_at, loaded.faucet.cooldown_seconds);
    let vault = cluster
        .rpc
        .get_token_account_balance(&loaded.keys.vault)
        .await?
        .amount
        .parse()
        .unwrap_or(0);
    let capped = next.is_some_and(|next| {
        matches!(
            check_claim(&loaded.faucet, Some(&after), vault, next),
            Err(ClaimRejection::ClaimerCapReached)
        )
    });
    let tokens = format_amount(amount, loaded.decimals);
    let mut text = if gate.accrues() {
        format!(
            "Credited {tokens} tokens to {} (accrued {}; withdraw with `faucet withdraw-accrued` from {})",
            claimer.pubkey(),
            format_amount(after.accrued, loaded.decimals),
            format_amount(gate.accrual_threshold, loaded.decimals)
        )
    } else {
        format!("Claimed {tokens} tokens for {}", claimer.pubkey())
    };
    match (capped, next) {
        (true, _) => text.push_str("; this wallet has reached its cap"),
        (false, Some(next)) => text.push_str(&format!("; next claim at {}", format_utc(next))),
        (false, None) => {}
    }
    let value = json!({
        "faucet": faucet.to_string(),
        "claimer": claimer.pubkey().to_string(),
        "amount": amount,
        "credited": gate.accrues(),
        "cap_reached": capped,
        "next_claim_at": if capped { None } else { next },
        "signature": signature.to_string(),
    });
    report(cluster, value, text)
}

/// The time at which a rejected claim would pass, attached to the error.
#[derive(Debug)]
struct NextClaim {
    rule: &'static str,
    at: i64,
    now: i64,
}

impl std::fmt::Display for NextClaim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: next claim at {} (in {} s)",
            self.rule,
            format_utc(self.at),
            self.at.saturating_sub(self.now)
        )
    }
}

/// Adds the next step to a rejected claim: when the cooldown, budget or window allows the next
/// claim.
async fn explain_claim_failure(
    cluster: &Cluster,
    loaded: &Loaded,
    claimer: &Pubkey,
    error: anyhow::Error,
) -> anyhow::Error {
    let Some(rejected) = error.downcast_ref::<RejectedByProgram>() else {
        return error;
    };
    let code = rejected.0.faucet_error;
    if !matches!(
        code,
        Some(
            FaucetError::CooldownActive
                | FaucetError::BudgetExhausted
                | FaucetError::ClaimWindowNotOpen
        )
    ) {
        return error;
    }
    let (Ok(record), Ok(vault), Ok(now)) = (
        rpc::fetch_claim_record(&cluster.rpc, &loaded.keys.faucet, claimer).await,
        cluster
            .rpc
            .get_token_account_balance(&loaded.keys.vault)
            .await,
        cluster_time(&cluster.rpc).await,
    ) else {
        return error;
    };
    let vault_balance = vault.amount.parse().unwrap_or(0);
    let (rule, at) = match check_claim(&loaded.faucet, record.as_ref(), vault_balance, now) {
        Err(ClaimRejection::CooldownActive { next_claim_at }) => ("cooldown", next_claim_at),
        Err(ClaimRejection::BudgetExhausted { next_claim_at }) => ("budget", next_claim_at),
        Err(ClaimRejection::WindowNotOpen { opens_at }) => ("claim window", opens_at),
        _ => return error,
    };
    error.context(NextClaim { rule, at, now })
}

impl OperatorCommand {
    /// Returns whether the command only reads, and so needs no keypair file.
    pub fn is_read_only(&self) -> bool {
        matches!(self, OperatorCommand::Status { .. })
    }
}

/// Describes a failed command as one JSON object, for `--output json`.
pub fn error_json(error: &anyhow::Error) -> serde_json::Value {
    let mut value = json!({ "error": format!("{error:#}") });
    if let Some(rejected) = error.downcast_ref::<RejectedByProgram>() {
        value["code"] = json!(rejected.0.code);
        value["name"] = json!(rejected.0.name);
    }
    if let Some(next) = error.downcast_ref::<NextClaim>() {
        value["next_claim_at"] = json!(next.at);
    }
    value
}

async fn status(cluster: &Cluster, address: &Pubkey, wallet: Option<Pubkey>) -> anyhow::Result<()> {
    let loaded = load(&cluster.rpc, address).await?;
    let faucet = &loaded.faucet;
    let decimals = loaded.decimals;
    let vault = cluster
        .rpc
        .get_token_account_balance(&loaded.keys.vault)
        .await?;
    let vault_balance: u64 = vault.amount.parse().unwrap_or(0);
    let now = cluster_time(&cluster.rpc).await?;

    let mut value = json!({
        "faucet": address.to_string(),
        "authority": faucet.authority.to_string(),
        "mint": faucet.mint.to_string(),
        "vault": loaded.keys.vault.to_string(),
        "vault_balance": vault_balance,
        "drip_amount": faucet.drip_amount,
        "cooldown_seconds": faucet.cooldown_seconds,
        "paused": faucet.paused,
        "total_claimed": faucet.total_claimed,
        "claim_count": faucet.claim_count,
        "claimer_count": faucet.claimer_count,
        "decimals": decimals,
    });
    let mut text = format!(
        "Faucet {address}\n  authority {}\n  mint {} ({decimals} decimals)\n  vault balance {} tokens\n  drip {} tokens, cooldown {} s{}\n  claimed {} tokens (claims: {}, claimers: {})",
        faucet.authority,
        faucet.mint,
        format_amount(vault_balance, decimals),
        format_amount(faucet.drip_amount, decimals),
        faucet.cooldown_seconds,
        if faucet.paused { ", PAUSED" } else { "" },
        format_amount(faucet.total_claimed, decimals),
        faucet.claim_count,
        faucet.claimer_count,
    );
    for line in rule_lines(faucet, decimals) {
        text.push_str("\n  ");
        text.push_str(&line);
    }

    if let Some(wallet) = wallet {
        let record = rpc::fetch_claim_record(&cluster.rpc, address, &wallet).await?;
        let verdict = check_claim(faucet, record.as_ref(), vault_balance, now);
        let (claims, claimed) = record
            .as_ref()
            .map_or((0, 0), |record| (record.claim_count, record.total_claimed));
        let (can_claim, reason, next) = match verdict {
            Ok(_) => (true, None, None),
            Err(ClaimRejection::CooldownActive { next_claim_at }) => {
                (false, Some("cooldown".to_string()), Some(next_claim_at))
            }
            Err(ClaimRejection::BudgetExhausted { next_claim_at }) => {
                (false, Some("budget".to_string()), Some(next_claim_at))
            }
            Err(ClaimRejection::WindowNotOpen { opens_at }) => (
                false,
                Some("claim window not open".to_string()),
                Some(opens_at),
            ),
            Err(rejection) => (false, Some(FaucetError::from(rejection).name()), None),
        };
        value["wallet"] = json!({
            "address": wallet.to_string(),
            "claim_count": claims,
            "total_claimed": claimed,
            "can_claim": can_claim,
            "reason": reason,
            "next_claim_at": next,
        });
        text.push_str(&format!(
            "\nWallet {wallet}\n  claims: {claims}, received: {} tokens",
            format_amount(claimed, decimals)
        ));
        match (can_claim, &reason, next) {
            (true, _, _) if gate_applies(&faucet.gate) => text.push_str(
                "\n  meets the faucet's rules now; the gate above is checked when it claims",
            ),
            (true, _, _) => text.push_str("\n  can claim now"),
            (false, Some(reason), Some(next)) => text.push_str(&format!(
                "\n  {reason}: next claim at {} (in {} s)",
                format_utc(next),
                next.saturating_sub(now)
            )),
            (false, Some(reason), None) => text.push_str(&format!("\n  cannot claim: {reason}")),
            (false, None, _) => {}
        }
    }
    report(cluster, value, text)
}

/// Describes the faucet's limits and gate, one line each, for `status`.
fn rule_lines(faucet: &Faucet, decimals: u8) -> Vec<String> {
    let limits = &faucet.limits;
    let gate = &faucet.gate;
    let tokens = |amount: u64| format_amount(amount, decimals);
    let mut lines = Vec::new();
    if limits.max_claims_per_claimer > 0 {
        lines.push(format!(
            "at most {} claims per wallet",
            limits.max_claims_per_claimer
        ));
    }
    if limits.max_amount_per_claimer > 0 {
        lines.push(format!(
            "at most {} tokens per wallet",
            tokens(limits.max_amount_per_claimer)
        ));
    }
    if limits.has_budget() {
        lines.push(format!(
            "budget: {} tokens, refilled by {} every {} s",
            tokens(limits.budget_capacity),
            tokens(limits.budget_refill_amount),
            limits.budget_refill_period_seconds
        ));
    }
    if limits.window_start > 0 {
        lines.push(format!(
            "claims open at {}",
            format_utc(limits.window_start)
        ));
    }
    if limits.window_end > 0 {
        lines.push(format!("claims close at {}", format_utc(limits.window_end)));
    }

    if gate.is_co_signed() {
        lines.push(format!(
            "claims need the co-signature of {}",
            gate.claim_authority
        ));
    }
    if gate.has_allowlist() {
        let root: String = gate
            .merkle_root
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        lines.push(format!("allowlist root {root}"));
    }
    if gate.requires_holding() {
        lines.push(format!(
            "claimers must hold {} base units of {}",
            gate.holder_min_amount, gate.holder_mint
        ));
    }
    if gate.accrues() {
        lines.push(format!(
            "accrual mode: credit is paid out from {} tokens ({} tokens owed now)",
            tokens(gate.accrual_threshold),
            tokens(faucet.accrued_outstanding)
        ));
    }
    lines
}

/// Returns whether claims must meet gate conditions that `check_claim` cannot see (a
/// co-signature, an allowlist proof, a holding).
fn gate_applies(gate: &ClaimGate) -> bool {
    gate.is_co_signed() || gate.has_allowlist() || gate.requires_holding()
}
