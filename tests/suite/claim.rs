use faucet::events::TokensClaimed;
use faucet_client::{FaucetError, events::parse_events, instructions};
use faucet_tests::*;
use solana_pubkey::Pubkey;
use solana_signer::Signer;

async fn first_claim_pays_drip(token_program: Pubkey) {
    let mut t = setup(token_program).await;
    let claimer = t.chain.new_wallet().await;
    let now = t.chain.unix_timestamp().await;

    let executed = t.claim(&claimer).await.expect("first claim succeeds");

    let token_account = t.token_account_of(&claimer.pubkey());
    assert_eq!(t.chain.token_balance(&token_account).await, DRIP);
    assert_eq!(t.vault_balance().await, FUNDED - DRIP);
    let record = t
        .chain
        .claim_record(&t.record_address(&claimer.pubkey()))
        .await
        .unwrap();
    assert_eq!(record.last_claim_at, now);
    assert_eq!(record.total_claimed, DRIP);
    assert_eq!(record.claim_count, 1);
    let faucet = t.faucet().await;
    assert_eq!(faucet.total_claimed, DRIP);
    assert_eq!(faucet.claim_count, 1);
    assert_eq!(faucet.claimer_count, 1);

    let events = parse_events::<TokensClaimed>(&executed.logs);
    assert_eq!(
        events,
        vec![TokensClaimed {
            faucet: t.keys.faucet,
            claimer: claimer.pubkey(),
            payer: claimer.pubkey(),
            amount: DRIP,
            fee: 0,
            credited: false,
            claimer_total_claimed: DRIP,
            claimer_claim_count: 1,
            next_claim_at: now + COOLDOWN,
            timestamp: now,
        }]
    );
}

#[tokio::test]
async fn first_claim_spl_token() {
    first_claim_pays_drip(SPL_TOKEN).await;
}

#[tokio::test]
async fn first_claim_token_2022() {
    first_claim_pays_drip(TOKEN_2022).await;
}

#[tokio::test]
async fn claim_into_existing_token_account() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let mint = t.keys.mint;
    let token_account = t
        .chain
        .create_associated_token_account(&claimer.pubkey(), &mint)
        .await;
    t.chain.mint_to(&mint, &token_account, 5).await;

    t.claim(&claimer).await.expect("claim succeeds");

    assert_eq!(t.chain.token_balance(&token_account).await, DRIP + 5);
}

#[tokio::test]
async fn sponsor_pays_for_claimer_without_sol() {
    let mut t = setup(TOKEN_2022).await;
    let sponsor = t.chain.new_wallet().await;
    let claimer = solana_keypair::Keypair::new();
    let sponsor_lamports = t.chain.lamports(&sponsor.pubkey()).await;

    let claim = instructions::claim(&t.keys, &claimer.pubkey(), &sponsor.pubkey());
    let executed = t
        .chain
        .process_with_payer(&[claim], &sponsor, &[&claimer])
        .await
        .expect("sponsored claim succeeds");

    let token_account = t.token_account_of(&claimer.pubkey());
    assert_eq!(t.chain.token_balance(&token_account).await, DRIP);
    assert_eq!(t.chain.lamports(&claimer.pubkey()).await, 0);
    let record_rent = t.chain.lamports(&t.record_address(&claimer.pubkey())).await;
    let token_account_rent = t.chain.lamports(&token_account).await;
    let fee = 10_000; // two signatures at 5,000 lamports each
    assert_eq!(
        t.chain.lamports(&sponsor.pubkey()).await,
        sponsor_lamports - record_rent - token_account_rent - fee
    );
    let event = &parse_events::<TokensClaimed>(&executed.logs)[0];
    assert_eq!(event.payer, sponsor.pubkey());
    assert_eq!(event.claimer, claimer.pubkey());
}

#[tokio::test]
async fn cooldown_boundary() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let first = t.chain.unix_timestamp().await;
    t.claim(&claimer).await.expect("first claim succeeds");

    t.chain.set_unix_timestamp(first + COOLDOWN - 1).await;
    let before = t.claim_state(&claimer.pubkey()).await;
    let failed = t
        .claim(&claimer)
        .await
        .expect_err("claim one second early is rejected");
    assert_eq!(failed.error, faucet_error(0, FaucetError::CooldownActive));
    let expected_log = format!(
        "Program log: Cooldown active: next claim allowed at unix time {} (in 1 s)",
        first + COOLDOWN
    );
    assert!(
        failed.logs.contains(&expected_log),
        "logs: {:#?}",
        failed.logs
    );
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);

    t.chain.set_unix_timestamp(first + COOLDOWN).await;
    t.claim(&claimer)
        .await
        .expect("claim at exactly last + cooldown succeeds");

    let token_account = t.token_account_of(&claimer.pubkey());
    assert_eq!(t.chain.token_balance(&token_account).await, 2 * DRIP);
    let record = t
        .chain
        .claim_record(&t.record_address(&claimer.pubkey()))
        .await
        .unwrap();
    assert_eq!(record.last_claim_at, first + COOLDOWN);
    assert_eq!(record.claim_count, 2);
    assert_eq!(t.faucet().await.claimer_count, 1);
}

#[tokio::test]
async fn clock_before_last_claim_rejected() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let first = t.chain.unix_timestamp().await;
    t.claim(&claimer).await.expect("first claim succeeds");

    t.chain.set_unix_timestamp(first - 3_600).await;
    let before = t.claim_state(&claimer.pubkey()).await;
    let error = expect_failure(t.claim(&claimer).await);

    assert_eq!(error, faucet_error(0, FaucetError::CooldownActive));
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);
}

#[tokio::test]
async fn paused_faucet_rejects_claims() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let pause = instructions::set_paused(&t.keys.faucet, &t.creator.pubkey(), true);
    let creator = t.creator.insecure_clone();
    t.chain
        .process(&[pause], &[&creator])
        .await
        .expect("pause succeeds");

    let before = t.claim_state(&claimer.pubkey()).await;
    let error = expect_failure(t.claim(&claimer).await);
    assert_eq!(error, faucet_error(0, FaucetError::FaucetPaused));
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);

    let resume = instructions::set_paused(&t.keys.faucet, &creator.pubkey(), false);
    t.chain
        .process(&[resume], &[&creator])
        .await
        .expect("resume succeeds");
    t.claim(&claimer)
        .await
        .expect("claim after resume succeeds");
    assert_eq!(t.vault_balance().await, FUNDED - DRIP);
}

#[tokio::test]
async fn vault_below_drip_rejected() {
    let mut t = setup_with(SPL_TOKEN, DRIP, COOLDOWN, DRIP - 1).await;
    let claimer = t.chain.new_wallet().await;

    let before = t.claim_state(&claimer.pubkey()).await;
    let failed = t
        .claim(&claimer)
        .await
        .expect_err("claim from a short vault is rejected");

    assert_eq!(
        failed.error,
        faucet_error(0, FaucetError::VaultBalanceTooLow)
    );
    let expected_log = format!(
        "Program log: Vault balance {} is below the claim amount {DRIP} (base units)",
        DRIP - 1
    );
    assert!(
        failed.logs.contains(&expected_log),
        "logs: {:#?}",
        failed.logs
    );
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);
    assert_eq!(t.vault_balance().await, DRIP - 1);
}

#[tokio::test]
async fn vault_with_exactly_one_drip() {
    let mut t = setup_with(TOKEN_2022, DRIP, COOLDOWN, DRIP).await;
    let claimer = t.chain.new_wallet().await;

    t.claim(&claimer)
        .await
        .expect("the last drip can be claimed");

    assert_eq!(t.vault_balance().await, 0);
    let second = t.chain.new_wallet().await;
    assert_eq!(
        expect_failure(t.claim(&second).await),
        faucet_error(0, FaucetError::VaultBalanceTooLow)
    );
}

#[tokio::test]
async fn many_claimers_counted_once_each() {
    let mut t = setup(SPL_TOKEN).await;
    let mut claimers = Vec::new();
    for _ in 0..3 {
        let claimer = t.chain.new_wallet().await;
        t.claim(&claimer).await.expect("claim succeeds");
        claimers.push(claimer);
    }
    t.chain.advance_clock(COOLDOWN).await;
    t.claim(&claimers[0])
        .await
        .expect("second claim after the cooldown succeeds");

    let faucet = t.faucet().await;
    assert_eq!(faucet.claimer_count, 3);
    assert_eq!(faucet.claim_count, 4);
    assert_eq!(faucet.total_claimed, 4 * DRIP);
    assert_eq!(t.vault_balance().await, FUNDED - 4 * DRIP);
}
