//! End-to-end tests: `faucet localnet` on a free loopback port, driven by the CLI binary as an
//! operator would and by the real `solana-rpc-client` through every JSON-RPC method the node
//! serves.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use faucet_client::{FaucetKeys, events::parse_events, instructions};
use serde_json::Value;
use solana_commitment_config::CommitmentConfig;
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_signer::Signer;

const BINARY: &str = env!("CARGO_BIN_EXE_faucet");

/// A running `faucet localnet`, stopped when dropped.
struct LocalNode {
    child: Child,
    url: String,
    dir: PathBuf,
}

impl LocalNode {
    fn start(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("faucet-cli-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temporary directory");
        let mut child = Command::new(BINARY)
            .args(["localnet", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("faucet localnet starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let first = lines
            .next()
            .expect("the node prints its URL")
            .expect("readable stdout");
        let url = first
            .strip_prefix("JSON-RPC URL: ")
            .expect("first line names the URL")
            .to_string();
        // Keep draining stdout so the node never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Self { child, url, dir }
    }

    fn keypair(&self, name: &str) -> PathBuf {
        let path = self.dir.join(format!("{name}.json"));
        let output = Command::new(BINARY)
            .args(["keygen", "--outfile"])
            .arg(&path)
            .output()
            .expect("keygen runs");
        assert!(
            output.status.success(),
            "keygen failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        path
    }

    fn cli(&self, keypair: &Path, args: &[&str]) -> Output {
        Command::new(BINARY)
            .args(["--url", &self.url, "--keypair"])
            .arg(keypair)
            .args(args)
            .output()
            .expect("the CLI runs")
    }

    /// Runs a CLI command with `--output json`, expects success and returns its JSON.
    fn json(&self, keypair: &Path, args: &[&str]) -> Value {
        let output = self.cli(keypair, &[args, &["--output", "json"]].concat());
        assert!(
            output.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
            panic!(
                "{args:?} printed no JSON ({error}): {}",
                String::from_utf8_lossy(&output.stdout)
            )
        })
    }

    /// Runs a CLI command that must fail and returns its stderr.
    fn failure(&self, keypair: &Path, args: &[&str]) -> String {
        let output = self.cli(keypair, args);
        assert!(
            !output.status.success(),
            "{args:?} succeeded but should have failed"
        );
        String::from_utf8_lossy(&output.stderr).into_owned()
    }

    fn rpc(&self) -> RpcClient {
        RpcClient::new_with_commitment(self.url.clone(), CommitmentConfig::confirmed())
    }

    async fn advance_clock(&self, seconds: i64) {
        let request = solana_rpc_client_api::request::RpcRequest::Custom {
            method: "faucetAdvanceClock",
        };
        let _: i64 = self
            .rpc()
            .send(request, serde_json::json!([seconds]))
            .await
            .expect("clock advances");
    }
}

impl Drop for LocalNode {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn text(value: &Value, key: &str) -> String {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} missing in {value}"))
        .to_string()
}

#[tokio::test]
async fn operator_workflow() {
    let node = LocalNode::start("workflow");
    let operator = node.keypair("operator");
    let user = node.keypair("user");

    let created = node.json(
        &operator,
        &[
            "create",
            "--create-test-mint",
            "--drip",
            "10",
            "--cooldown",
            "60",
        ],
    );
    let faucet = text(&created, "faucet");
    node.json(&operator, &["fund", &faucet, "1000"]);

    let claimed = node.json(&user, &["claim", &faucet]);
    assert_eq!(claimed["amount"], 10_000_000);

    let rejected = node.failure(&user, &["claim", &faucet]);
    assert!(
        rejected.contains("cooldown: next claim at "),
        "stderr: {rejected}"
    );
    assert!(
        rejected.contains("CooldownActive (error 6004)"),
        "stderr: {rejected}"
    );

    let user_key = solana_keypair::read_keypair_file(&user)
        .expect("readable keypair")
        .pubkey()
        .to_string();
    let status = node.json(&operator, &["status", &faucet, "--wallet", &user_key]);
    assert_eq!(status["claim_count"], 1);
    assert_eq!(status["vault_balance"], 990_000_000);
    assert_eq!(status["wallet"]["claim_count"], 1);
    assert_eq!(status["wallet"]["can_claim"], false);
    assert_eq!(status["wallet"]["next_claim_at"], claimed["next_claim_at"]);

    node.advance_clock(60).await;
    node.json(&user, &["claim", &faucet]);

    node.json(&operator, &["pause", &faucet]);
    let paused = node.failure(&user, &["claim", &faucet]);
    assert!(
        paused.contains("FaucetPaused (error 6003)"),
        "stderr: {paused}"
    );
    node.json(&operator, &["resume", &faucet]);

    let intruder = node.failure(&user, &["pause", &faucet]);
    assert!(
        intruder.contains("Unauthorized (error 6008)"),
        "stderr: {intruder}"
    );

    node.json(&operator, &["withdraw", &faucet, "5"]);
    let status = node.json(&operator, &["status", &faucet]);
    assert_eq!(status["vault_balance"], 975_000_000);
    assert_eq!(status["total_claimed"], 20_000_000);
    assert_eq!(status["paused"], false);

    node.json(&operator, &["update", &faucet, "--drip", "2.5"]);
    let status = node.json(&operator, &["status", &faucet]);
    assert_eq!(status["drip_amount"], 2_500_000);

    node.json(&operator, &["propose-authority", &faucet, &user_key]);
    node.json(&operator, &["cancel-authority-transfer", &faucet]);
    let stale = node.failure(&user, &["accept-authority", &faucet]);
    assert!(stale.contains("NoPendingAuthority"), "stderr: {stale}");

    // The record's rent comes back only once the faucet is closed.
    let open = node.failure(&user, &["close-claim-record", &faucet]);
    assert!(open.contains("FaucetStillOpen"), "stderr: {open}");
    node.json(&operator, &["close", &faucet]);
    node.json(&user, &["close-claim-record", &faucet]);
    let closed = node.failure(&operator, &["status", &faucet]);
    assert!(closed.contains("not found"), "stderr: {closed}");
}

#[tokio::test]
async fn claims_from_many_processes() {
    const WALLETS: usize = 12;
    let node = LocalNode::start("load");
    let operator = node.keypair("operator");
    let created = node.json(
        &operator,
        &[
            "create",
            "--create-test-mint",
            "--drip",
            "1",
            "--cooldown",
            "3600",
        ],
    );
    let faucet = text(&created, "faucet");
    node.json(&operator, &["fund", &faucet, "100"]);
    let wallets: Vec<PathBuf> = (0..WALLETS)
        .map(|index| node.keypair(&format!("wallet-{index}")))
        .collect();

    // Every wallet claims twice, all processes at once: the first claims pass, the second ones
    // hit the cooldown.
    let children: Vec<Child> = wallets
        .iter()
        .chain(wallets.iter())
        .map(|wallet| {
            Command::new(BINARY)
                .args(["--url", &node.url, "--keypair"])
                .arg(wallet)
                .args(["claim", &faucet, "--output", "json"])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("claim process starts")
        })
        .collect();
    // Two processes of one wallet may build the same transaction (same blockhash, same
    // signature); it lands once and both report it. Count distinct signatures, not exit codes.
    let mut signatures = std::collections::HashSet::new();
    let mut claimers = std::collections::HashSet::new();
    for child in children {
        let output = child.wait_with_output().expect("claim process ends");
        if output.status.success() {
            let printed: Value = serde_json::from_slice(&output.stdout).expect("a JSON result");
            signatures.insert(text(&printed, "signature"));
            claimers.insert(text(&printed, "claimer"));
        }
    }

    assert_eq!(signatures.len(), WALLETS, "one landed claim per wallet");
    assert_eq!(claimers.len(), WALLETS);
    let status = node.json(&operator, &["status", &faucet]);
    assert_eq!(status["claim_count"], WALLETS as u64);
    assert_eq!(status["claimer_count"], WALLETS as u64);
    assert_eq!(
        status["vault_balance"],
        100_000_000 - WALLETS as u64 * 1_000_000
    );
    let rpc = node.rpc();
    let mint: Pubkey = text(&created, "mint").parse().unwrap();
    for wallet in &wallets {
        let owner = solana_keypair::read_keypair_file(wallet).unwrap().pubkey();
        let account =
            faucet_client::pda::associated_token_address(&owner, &mint, &spl_token_interface::ID);
        let balance = rpc
            .get_token_account_balance(&account)
            .await
            .expect("claimer account exists");
        assert_eq!(balance.amount, "1000000");
    }
}

#[tokio::test]
async fn rpc_methods_with_solana_client() {
    let node = LocalNode::start("rpc");
    let rpc = node.rpc();

    assert_eq!(rpc.get_version().await.unwrap().solana_core, "4.2.2");
    rpc.get_health().await.expect("healthy");
    let first_slot = rpc.get_slot().await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1_000)).await;
    assert!(
        rpc.get_slot().await.unwrap() > first_slot,
        "slots advance with wall time"
    );
    assert!(rpc.get_block_height().await.unwrap() > first_slot);

    let payer = Keypair::new();
    let airdrop = rpc
        .request_airdrop(&payer.pubkey(), 5_000_000_000)
        .await
        .unwrap();
    rpc.poll_for_signature(&airdrop).await.unwrap();
    assert_eq!(
        rpc.get_balance(&payer.pubkey()).await.unwrap(),
        5_000_000_000
    );
    let blockhash = rpc.get_latest_blockhash().await.unwrap();
    assert!(
        rpc.is_blockhash_valid(&blockhash, CommitmentConfig::confirmed())
            .await
            .unwrap()
    );
    assert!(
        !rpc.is_blockhash_valid(
            &solana_hash::Hash::new_unique(),
            CommitmentConfig::confirmed()
        )
        .await
        .unwrap()
    );

    // A mint, a faucet and its funding, built with the client crate and sent over JSON-RPC.
    let mint = Keypair::new();
    let token_program = spl_token_interface::ID;
    let mint_rent = rpc
        .get_minimum_balance_for_rent_exemption(82)
        .await
        .unwrap();
    let owner_account = faucet_client::pda::associated_token_address(
        &payer.pubkey(),
        &mint.pubkey(),
        &token_program,
    );
    let setup = [
        solana_system_interface::instruction::create_account(
            &payer.pubkey(),
            &mint.pubkey(),
            mint_rent,
            82,
            &token_program,
        ),
        spl_token_interface::instruction::initialize_mint2(
            &token_program,
            &mint.pubkey(),
            &payer.pubkey(),
            None,
            6,
        )
        .unwrap(),
        spl_associated_token_account_interface::instruction::create_associated_token_account(
            &payer.pubkey(),
            &payer.pubkey(),
            &mint.pubkey(),
            &token_program,
        ),
        spl_token_interface::instruction::mint_to(
            &token_program,
            &mint.pubkey(),
            &owner_account,
            &payer.pubkey(),
            &[],
            50_000_000,
        )
        .unwrap(),
    ];
    let message =
        solana_message::Message::new_with_blockhash(&setup, Some(&payer.pubkey()), &blockhash);
    assert_eq!(rpc.get_fee_for_message(&message).await.unwrap(), 10_000);
    let transaction =
        faucet_client::transaction::signed_transaction(&setup, &payer, &[&mint], blockhash);
    rpc.send_and_confirm_transaction(&transaction)
        .await
        .unwrap();

    let args = faucet_client::CreateFaucetArgs {
        faucet_id: 0,
        drip_amount: 1_000_000,
        cooldown_seconds: 60,
        limits: Default::default(),
        allowed_mint_extensions: 0,
        gate: Default::default(),
    };
    let keys = FaucetKeys::derive(&mint.pubkey(), &payer.pubkey(), 0, &token_program);
    let create = instructions::create_faucet(&payer.pubkey(), &mint.pubkey(), &token_program, args);
    let fund = instructions::fund(&keys, &payer.pubkey(), &owner_account, 10_000_000);
    let claim = instructions::claim(&keys, &payer.pubkey(), &payer.pubkey());
    let signature =
        faucet_client::rpc::send_instructions(&rpc, &[create, fund, claim.clone()], &payer, &[])
            .await
            .unwrap();

    // Accounts, one by one, together and by program.
    let faucet = faucet_client::rpc::fetch_faucet(&rpc, &keys.faucet)
        .await
        .unwrap();
    assert_eq!(faucet.claim_count, 1);
    let accounts = rpc
        .get_multiple_accounts(&[keys.faucet, keys.vault, Keypair::new().pubkey()])
        .await
        .unwrap();
    assert_eq!(
        accounts.iter().map(Option::is_some).collect::<Vec<_>>(),
        [true, true, false]
    );
    let by_mint = solana_rpc_client_api::filter::Memcmp::new_raw_bytes(
        8 + 3 * 32,
        mint.pubkey().to_bytes().to_vec(),
    );
    let config = solana_rpc_client_api::config::RpcProgramAccountsConfig {
        filters: Some(vec![
            solana_rpc_client_api::filter::RpcFilterType::DataSize(
                faucet_client::Faucet::SPACE as u64,
            ),
            solana_rpc_client_api::filter::RpcFilterType::Memcmp(by_mint),
        ]),
        account_config: solana_rpc_client_api::config::RpcAccountInfoConfig {
            encoding: Some(solana_account_decoder_client_types::UiAccountEncoding::Base64),
            ..Default::default()
        },
        ..Default::default()
    };
    let faucets = rpc
        .get_program_ui_accounts_with_config(&faucet::ID, config)
        .await
        .unwrap();
    assert_eq!(
        faucets
            .iter()
            .map(|(address, _)| *address)
            .collect::<Vec<_>>(),
        [keys.faucet]
    );
    let records = rpc.get_program_accounts(&faucet::ID).await.unwrap();
    assert_eq!(records.len(), 2, "the faucet and the payer's claim record");

    let vault = rpc.get_token_account_balance(&keys.vault).await.unwrap();
    assert_eq!(
        (
            vault.amount.as_str(),
            vault.decimals,
            vault.ui_amount_string.as_str()
        ),
        ("9000000", 6, "9")
    );
    let owned = rpc
        .get_token_accounts_by_owner(
            &payer.pubkey(),
            solana_rpc_client_api::request::TokenAccountsFilter::Mint(mint.pubkey()),
        )
        .await
        .unwrap();
    assert_eq!(owned.len(), 1);

    // Statuses and history, with logs that carry the program's events.
    let statuses = rpc
        .get_signature_statuses(&[signature])
        .await
        .unwrap()
        .value;
    assert_eq!(
        statuses[0].as_ref().map(|status| status.err.clone()),
        Some(None)
    );
    let history = rpc
        .get_transaction_with_config(
            &signature,
            solana_rpc_client_api::config::RpcTransactionConfig {
                encoding: Some(solana_transaction_status_client_types::UiTransactionEncoding::Json),
                commitment: Some(CommitmentConfig::confirmed()),
                max_supported_transaction_version: Some(0),
            },
        )
        .await
        .unwrap();
    let meta = history.transaction.meta.expect("meta is present");
    let logs: Option<Vec<String>> = meta.log_messages.into();
    let claimed = parse_events::<faucet::events::TokensClaimed>(&logs.expect("logs are present"));
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].amount, 1_000_000);

    // A claim inside the cooldown: simulation shows the error and logs, sending is rejected by
    // preflight with the program's error code.
    let blockhash = rpc.get_latest_blockhash().await.unwrap();
    let again = faucet_client::transaction::signed_transaction(
        std::slice::from_ref(&claim),
        &payer,
        &[],
        blockhash,
    );
    let simulation = rpc.simulate_transaction(&again).await.unwrap().value;
    let simulated_error: Option<solana_transaction_error::TransactionError> =
        simulation.err.map(Into::into);
    assert_eq!(
        simulated_error,
        Some(
            solana_transaction_error::TransactionError::InstructionError(
                0,
                solana_instruction_error::InstructionError::Custom(6004)
            )
        )
    );
    assert!(
        simulation
            .logs
            .unwrap()
            .iter()
            .any(|line| line.contains("Cooldown active: next claim allowed at unix time"))
    );
    let error = rpc
        .send_and_confirm_transaction(&again)
        .await
        .expect_err("preflight rejects the claim");
    let decoded = error
        .get_transaction_error()
        .as_ref()
        .and_then(faucet_client::errors::program_error)
        .expect("a program error");
    assert_eq!(decoded.name.as_deref(), Some("CooldownActive"));
}

/// Sends `body` as an HTTP/1.1 POST to the node and returns the response body.
fn post_raw(url: &str, body: &str) -> Value {
    use std::io::{Read, Write};
    let address = url.strip_prefix("http://").expect("an http URL");
    let mut stream = std::net::TcpStream::connect(address).expect("the node accepts connections");
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("request sent");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response read");
    let (_, body) = response
        .split_once("\r\n\r\n")
        .expect("an HTTP response with a body");
    serde_json::from_str(body)
        .unwrap_or_else(|error| panic!("response is not JSON ({error}): {body}"))
}

#[tokio::test]
async fn bad_requests_get_standard_errors() {
    let node = LocalNode::start("errors");
    let cases = [
        ("{not json", -32700),
        ("[]", -32600),
        (r#"{"jsonrpc":"2.0","id":1}"#, -32600),
        (
            r#"{"jsonrpc":"2.0","id":1,"method":"getBlockProduction"}"#,
            -32601,
        ),
        (
            r#"{"jsonrpc":"2.0","id":1,"method":"getBalance","params":["not-a-key"]}"#,
            -32602,
        ),
        (
            r#"{"jsonrpc":"2.0","id":1,"method":"getBalance","params":{"pubkey":1}}"#,
            -32602,
        ),
        (
            r#"{"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["3vZ"]}"#,
            -32602,
        ),
        (
            r#"{"jsonrpc":"2.0","id":1,"method":"sendTransaction","params":["AAAA",{"encoding":"base64"}]}"#,
            -32602,
        ),
        (
            r#"{"jsonrpc":"2.0","id":1,"method":"requestAirdrop","params":["11111111111111111111111111111111",0]}"#,
            -32602,
        ),
    ];
    for (body, code) in cases {
        let response = post_raw(&node.url, body);
        assert_eq!(response["error"]["code"], code, "{body} -> {response}");
    }

    let batch = post_raw(
        &node.url,
        r#"[{"jsonrpc":"2.0","id":1,"method":"getHealth"},{"jsonrpc":"2.0","id":2,"method":"nope"}]"#,
    );
    assert_eq!(batch[0]["result"], "ok");
    assert_eq!(batch[1]["error"]["code"], -32601);

    // The node is still serving after all of that.
    node.rpc()
        .get_health()
        .await
        .expect("healthy after bad requests");
}

#[tokio::test]
async fn capped_and_accrual_claims() {
    let node = LocalNode::start("modes");
    let operator = node.keypair("operator");
    let user = node.keypair("user");

    let invalid = node.failure(
        &operator,
        &[
            "create",
            "--create-test-mint",
            "--drip",
            "10",
            "--cooldown",
            "-60",
        ],
    );
    assert!(
        invalid.contains("invalid config: Cooldown must be between 1 and 31536000 seconds"),
        "stderr: {invalid}"
    );

    // The claim that reaches the amount cap pays what is left, and the CLI reports that amount.
    let capped = node.json(
        &operator,
        &[
            "create",
            "--create-test-mint",
            "--drip",
            "10",
            "--cooldown",
            "1",
            "--max-amount",
            "15",
        ],
    );
    let faucet = text(&capped, "faucet");
    node.json(&operator, &["fund", &faucet, "100"]);
    assert_eq!(node.json(&user, &["claim", &faucet])["amount"], 10_000_000);
    node.advance_clock(1).await;
    let last = node.json(&user, &["claim", &faucet]);
    assert_eq!(last["amount"], 5_000_000);
    assert_eq!(last["cap_reached"], true);

    // Accrual mode: claims credit the record, and one withdrawal pays them out.
    let accrual = node.json(
        &operator,
        &[
            "create",
            "--create-test-mint",
            "--drip",
            "10",
            "--cooldown",
            "1",
            "--accrual-threshold",
            "20",
            "--faucet-id",
            "1",
        ],
    );
    let faucet = text(&accrual, "faucet");
    node.json(&operator, &["fund", &faucet, "100"]);
    assert_eq!(node.json(&user, &["claim", &faucet])["credited"], true);
    let early = node.failure(&user, &["withdraw-accrued", &faucet]);
    assert!(early.contains("AccruedBelowThreshold"), "stderr: {early}");
    node.advance_clock(1).await;
    node.json(&user, &["claim", &faucet]);
    let paid = node.json(&user, &["withdraw-accrued", &faucet]);
    assert_eq!(paid["amount"], 20_000_000);

    // A failure in JSON mode is one JSON object with the program's error code.
    let output = node.cli(&user, &["withdraw-accrued", &faucet, "--output", "json"]);
    assert!(!output.status.success());
    let error: Value = serde_json::from_slice(&output.stdout).expect("a JSON error object");
    assert_eq!(error["name"], "NothingAccrued");
    assert_eq!(error["code"], 6037);
}
