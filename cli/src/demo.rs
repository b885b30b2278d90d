//! `faucet demo`: a faucet's whole life on the in-process chain, printed step by step.

use anyhow::{Context, bail};
use clap::Args;
use faucet_chain::Chain;
use faucet_client::amount::format_amount;
use faucet_client::errors::program_error;
use faucet_client::{
    ClaimLimits, ClaimRejection, CreateFaucetArgs, FaucetKeys, check_claim, instructions, pda,
};
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_signer::Signer;

use crate::display::format_utc;

const DECIMALS: u8 = 6;
const ONE_TOKEN: u64 = 10u64.pow(DECIMALS as u32);
const DRIP: u64 = 10 * ONE_TOKEN;
const COOLDOWN_SECONDS: i64 = 60;
const FUNDING: u64 = 1_000 * ONE_TOKEN;
const MAX_CLAIMS_PER_WALLET: u64 = 2;

#[derive(Args)]
pub struct DemoArgs {
    /// Use a Token-2022 mint instead of an SPL Token mint.
    #[arg(long)]
    token_2022: bool,
}

struct Demo {
    chain: Chain,
    keys: FaucetKeys,
}

impl Demo {
    async fn balance(&mut self, wallet: &Pubkey) -> String {
        let account =
            pda::associated_token_address(wallet, &self.keys.mint, &self.keys.token_program);
        format_amount(self.chain.token_balance(&account).await, DECIMALS)
    }

    async fn vault_balance(&mut self) -> String {
        let vault = self.keys.vault;
        format_amount(self.chain.token_balance(&vault).await, DECIMALS)
    }

    /// Predicts the rejection of `claimer`'s next claim with the client-side rules, sends the
    /// claim, and prints the program's error. Fails if the claim succeeds.
    async fn rejected_claim(&mut self, claimer: &Keypair) -> anyhow::Result<ClaimRejection> {
        let faucet = self
            .chain
            .faucet(&self.keys.faucet)
            .await
            .context("faucet account missing")?;
        let record_address = pda::claim_record_address(&self.keys.faucet, &claimer.pubkey()).0;
        let record = self.chain.claim_record(&record_address).await;
        let vault = self.keys.vault;
        let vault_balance = self.chain.token_balance(&vault).await;
        let now = self.chain.unix_timestamp().await;
        let Err(predicted) = check_claim(&faucet, record.as_ref(), vault_balance, now) else {
            bail!("the client-side check expects this claim to pass");
        };

        let claim = instructions::claim(&self.keys, &claimer.pubkey(), &claimer.pubkey());
        let failure = match self.chain.process_with_payer(&[claim], claimer, &[]).await {
            Ok(_) => bail!("the claim succeeded, but the faucet's rules should have rejected it"),
            Err(failure) => failure,
        };
        let reason = program_error(&failure.error)
            .map_or_else(|| failure.error.to_string(), |error| error.to_string());
        println!("  rejected by the program: {reason}");
        Ok(predicted)
    }

    async fn claim(&mut self, name: &str, claimer: &Keypair) -> anyhow::Result<()> {
        let claim = instructions::claim(&self.keys, &claimer.pubkey(), &claimer.pubkey());
        self.chain
            .process_with_payer(&[claim], claimer, &[])
            .await
            .with_context(|| format!("claim by {name} failed"))?;
        let balance = self.balance(&claimer.pubkey()).await;
        println!(
            "  {name:<6} claimed {} tokens, balance {balance}",
            format_amount(DRIP, DECIMALS)
        );
        Ok(())
    }
}

pub async fn run(args: DemoArgs) -> anyhow::Result<()> {
    let (token_program, program_name) = if args.token_2022 {
        (spl_token_2022_interface::ID, "Token-2022")
    } else {
        (spl_token_interface::ID, "SPL Token")
    };
    println!(
        "Starting an in-process Solana runtime with the faucet program and the {program_name} program"
    );
    let mut chain = Chain::start().await;

    let creator = chain.new_wallet().await;
    let mint = chain.create_mint(&token_program, DECIMALS).await;
    let create = instructions::create_faucet(
        &creator.pubkey(),
        &mint,
        &token_program,
        CreateFaucetArgs {
            faucet_id: 0,
            drip_amount: DRIP,
            cooldown_seconds: COOLDOWN_SECONDS,
            limits: ClaimLimits {
                max_claims_per_claimer: MAX_CLAIMS_PER_WALLET,
                ..ClaimLimits::default()
            },
            allowed_mint_extensions: 0,
            gate: Default::default(),
        },
    );
    chain
        .process(&[create], &[&creator])
        .await
        .context("create_faucet failed")?;
    let keys = FaucetKeys::derive(&mint, &creator.pubkey(), 0, &token_program);
    println!("Created faucet {}", keys.faucet);
    println!("  mint {mint} ({DECIMALS} decimals), vault {}", keys.vault);
    println!(
        "  drip {} tokens per claim, cooldown {COOLDOWN_SECONDS} s, at most {MAX_CLAIMS_PER_WALLET} claims per wallet",
        format_amount(DRIP, DECIMALS)
    );

    let creator_account = chain
        .create_associated_token_account(&creator.pubkey(), &mint)
        .await;
    chain.mint_to(&mint, &creator_account, FUNDING).await;
    let fund = instructions::fund(&keys, &creator.pubkey(), &creator_account, FUNDING);
    chain
        .process(&[fund], &[&creator])
        .await
        .context("fund failed")?;
    let mut demo = Demo { chain, keys };
    println!("Funded the vault: {} tokens", demo.vault_balance().await);

    println!("Three users claim:");
    let mut users = Vec::new();
    for name in ["alice", "bob", "carol"] {
        let user = demo.chain.new_wallet().await;
        demo.claim(name, &user).await?;
        users.push((name, user));
    }

    let (name, alice) = &users[0];
    println!("{name} claims again at once:");
    match demo.rejected_claim(alice).await? {
        ClaimRejection::CooldownActive { next_claim_at } => {
            let now = demo.chain.unix_timestamp().await;
            println!(
                "  next claim at {} (in {} s)",
                format_utc(next_claim_at),
                next_claim_at - now
            );
        }
        other => bail!("expected a cooldown, the client-side check predicted {other:?}"),
    }

    demo.chain.advance_clock(COOLDOWN_SECONDS).await;
    println!("The clock moves forward {COOLDOWN_SECONDS} s; {name} claims again:");
    demo.claim(name, alice).await?;

    demo.chain.advance_clock(COOLDOWN_SECONDS).await;
    println!(
        "Another {COOLDOWN_SECONDS} s later, {name} tries a third claim (the cap is {MAX_CLAIMS_PER_WALLET} per wallet):"
    );
    match demo.rejected_claim(alice).await? {
        ClaimRejection::ClaimerCapReached => {}
        other => bail!("expected the claimer cap, the client-side check predicted {other:?}"),
    }

    let faucet = demo
        .chain
        .faucet(&demo.keys.faucet)
        .await
        .context("faucet account missing")?;
    println!("Final balances (tokens):");
    println!("  vault  {}", demo.vault_balance().await);
    for (name, user) in &users {
        let balance = demo.balance(&user.pubkey()).await;
        println!("  {name:<6} {balance}");
    }
    println!(
        "Faucet counters: {} claims by {} claimers, {} tokens handed out",
        faucet.claim_count,
        faucet.claimer_count,
        format_amount(faucet.total_claimed, DECIMALS)
    );
    Ok(())
}
