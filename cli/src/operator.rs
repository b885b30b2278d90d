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
        faucet: Pubkey,
        /// Keypair file of the claimer. Defaults to --keypair; the fee payer pays fees and rent.
        #[arg(long)]
        claimer: Option<std::path::PathBuf>,
    },
    /// Show a faucet and, with --wallet, that wallet's claims and when it may claim next.
    Status {
        faucet: Pubkey,
        #[arg(long)]
        wallet: Option<Pubkey>,
    },
    /// Change the drip amount and/or the cooldown (authority only).
    Update {
        faucet: Pubkey,
        /// New drip amount in token units.
        #[arg(long)]
        drip: Option<String>,
        /// New cooldown in seconds.
        #[arg(long)]
        cooldown: Option<i64>,
    },
    /// Stop claims until `resume` (authority only).
    Pause { faucet: Pubkey },
    /// Allow claims again (authority only).
    Resume { faucet: Pubkey },
    /// Propose a new authority, who must then run `accept-authority` (authority only).
    ProposeAuthority {
        faucet: Pubkey,
        new_authority: Pubkey,
    },
    /// Become the authority of a faucet you were proposed for.
    AcceptAuthority { faucet: Pubkey },
    /// Move tokens out of the vault (authority only).
    Withdraw {
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
    #[arg(long)]
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
    #[arg(long)]
    window_start: Option<i64>,
    /// Unix time from which claims are rejected.
    #[arg(long)]
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
            let signature = send(&cluster, &[fund], &[&cluster.signer]).await?;
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
        OperatorCommand::Claim { faucet, claimer } => {
            let claimer = match claimer {
                Some(path) => read_keypair(&path)?,
                None => cluster.signer.insecure_clone(),
            };
            claim(&cluster, &faucet, &claimer).await
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
    let mint_state = token_state::Mint::unpack_from_slice(
        account
            .data
            .get(..token_state::Mint::LEN)
            .unwrap_or_default(),
    )
    .with_context(|| format!("account {mint} is not a token mint"))?;
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
    let mint = match args.mint {
        Some(mint) => mint,
        None => create_test_mint(cluster, &args).await?,
    };
    let account = cluster
        .rpc
        .get_account(&mint)
        .await
        .with_context(|| format!("failed to load mint {mint}"))?;
    let token_program = account.owner;
    let decimals = mint_decimals(&cluster.rpc, &mint).await?;
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
    let keys = FaucetKeys::derive(&mint, &creator, args.faucet_id, &token_program);
    let create = instructions::create_faucet(&creator, &mint, &token_program, create_args);
    let signature = send(cluster, &[create], &[&cluster.signer]).await?;
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

async fn claim(cluster: &Cluster, faucet: &Pubkey, claimer: &Keypair) -> anyhow::Result<()> {
    let loaded = load(&cluster.rpc, faucet).await?;
    cluster.fund_if_local(&cluster.payer()).await?;
    let options = ClaimOptions {
        args: ClaimArgs {
            expected_drip: Some(loaded.faucet.drip_amount),
            ..ClaimArgs::default()
        },
        ..ClaimOptions::default()
    };
    let instruction =
        instructions::claim_with(&loaded.keys, &claimer.pubkey(), &cluster.payer(), &options);
    let signature = match send(cluster, &[instruction], &[claimer]).await {
        Ok(signature) => signature,
        Err(error) => {
            return Err(explain_claim_failure(cluster, &loaded, &claimer.pubkey(), error).await);
        }
    };
    let record = rpc::fetch_claim_record(&cluster.rpc, faucet, &claimer.pubkey()).await?;
    let next = record.as_ref().and_then(|record| {
        faucet_client::next_claim_at(record.last_claim_at, loaded.faucet.cooldown_seconds)
    });
    let amount = format_amount(loaded.faucet.drip_amount, loaded.decimals);
    let mut text = format!("Claimed {amount} tokens for {}", claimer.pubkey());
    if let Some(next) = next {
        text.push_str(&format!("; next claim at {}", format_utc(next)));
    }
    report(
        cluster,
        json!({ "faucet": faucet.to_string(), "claimer": claimer.pubkey().to_string(), "amount": loaded.faucet.drip_amount, "next_claim_at": next, "signature": signature.to_string() }),
        text,
    )
}

/// Adds the next step to a rejected claim: when the cooldown or budget allows the next claim.
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
    let next = match check_claim(&loaded.faucet, record.as_ref(), vault_balance, now) {
        Err(ClaimRejection::CooldownActive { next_claim_at }) => ("cooldown", next_claim_at),
        Err(ClaimRejection::BudgetExhausted { next_claim_at }) => ("budget", next_claim_at),
        Err(ClaimRejection::WindowNotOpen { opens_at }) => ("claim window", opens_at),
        _ => return error,
    };
    let (rule, at) = next;
    error.context(format!(
        "{rule}: next claim at {} (in {} s)",
        format_utc(at),
        at.saturating_sub(now)
    ))
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
        "Faucet {address}\n  authority {}\n  mint {} ({decimals} decimals)\n  vault balance {} tokens\n  drip {} tokens, cooldown {} s{}\n  claimed {} tokens in {} claims by {} claimers",
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
            Err(rejection) => (false, Some(format!("{rejection:?}")), None),
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
            "\nWallet {wallet}\n  {claims} claims, {} tokens received",
            format_amount(claimed, decimals)
        ));
        match (can_claim, &reason, next) {
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
