//! A Token-2022 transfer-fee mint: the claimer receives the drip minus the fee, and counters, caps,
//! the budget and events count what left the vault.

use faucet::events::{FaucetFunded, TokensClaimed};
use faucet_chain::{Chain, MintExtension};
use faucet_client::{
    ClaimLimits, CreateFaucetArgs, FaucetError, events::parse_events, instructions,
};
use faucet_tests::*;
use solana_signer::Signer;

/// 1 % of every transfer, at most 1 token.
const FEE: MintExtension = MintExtension::TransferFee {
    basis_points: 100,
    maximum_fee: 1_000_000,
};

async fn fee_faucet(limits: ClaimLimits, funded: u64) -> TestFaucet {
    let mut chain = Chain::start().await;
    let mint = chain.create_token_2022_mint(DECIMALS, &[FEE]).await;
    let args = CreateFaucetArgs {
        faucet_id: 0,
        drip_amount: DRIP,
        cooldown_seconds: COOLDOWN,
        limits,
        allowed_mint_extensions: 0,
        gate: Default::default(),
    };
    setup_on_mint(chain, mint, args, funded).await
}

#[tokio::test]
async fn fund_reports_fee() {
    let mut t = fee_faucet(ClaimLimits::default(), 0).await;
    let funder = t.chain.new_wallet().await;
    let mint = t.keys.mint;
    let source = t
        .chain
        .create_associated_token_account(&funder.pubkey(), &mint)
        .await;
    t.chain.mint_to(&mint, &source, 10 * DRIP).await;

    let fund = instructions::fund(&t.keys, &funder.pubkey(), &source, 5 * DRIP);
    let executed = t
        .chain
        .process(&[fund], &[&funder])
        .await
        .expect("funding succeeds");

    // 1 % of 50 tokens is 0.5 tokens.
    let fee = 5 * DRIP / 100;
    assert_eq!(t.vault_balance().await, 5 * DRIP - fee);
    assert_eq!(t.chain.token_balance(&source).await, 5 * DRIP);
    let event = &parse_events::<FaucetFunded>(&executed.logs)[0];
    assert_eq!((event.amount, event.fee), (5 * DRIP, fee));
}

#[tokio::test]
async fn claimer_receives_drip_minus_fee() {
    let mut t = fee_faucet(ClaimLimits::default(), FUNDED).await;
    let claimer = t.chain.new_wallet().await;

    let executed = t.claim(&claimer).await.expect("claim succeeds");

    let fee = DRIP / 100;
    assert_eq!(
        t.chain
            .token_balance(&t.token_account_of(&claimer.pubkey()))
            .await,
        DRIP - fee
    );
    assert_eq!(t.vault_balance().await, FUNDED - DRIP);
    let event = &parse_events::<TokensClaimed>(&executed.logs)[0];
    assert_eq!((event.amount, event.fee), (DRIP, fee));
    assert_eq!(t.faucet().await.total_claimed, DRIP);
    let record = t
        .chain
        .claim_record(&t.record_address(&claimer.pubkey()))
        .await
        .unwrap();
    assert_eq!(record.total_claimed, DRIP);
}

#[tokio::test]
async fn cap_and_budget_count_vault_outflow() {
    let limits = ClaimLimits {
        max_amount_per_claimer: 2 * DRIP + DRIP / 2,
        budget_capacity: 5 * DRIP,
        budget_refill_amount: 5 * DRIP,
        budget_refill_period_seconds: 3_600,
        ..ClaimLimits::default()
    };
    let mut t = fee_faucet(limits, FUNDED).await;
    let claimer = t.chain.new_wallet().await;
    let mut fees = 0;
    for expected in [DRIP, DRIP, DRIP / 2] {
        let executed = t
            .claim(&claimer)
            .await
            .expect("claim under the cap succeeds");
        let event = &parse_events::<TokensClaimed>(&executed.logs)[0];
        assert_eq!(event.amount, expected);
        assert_eq!(event.fee, expected / 100);
        fees += event.fee;
        t.chain.advance_clock(COOLDOWN).await;
    }
    assert_eq!(
        expect_failure(t.claim(&claimer).await),
        faucet_error(0, FaucetError::ClaimerCapReached)
    );

    let received = t
        .chain
        .token_balance(&t.token_account_of(&claimer.pubkey()))
        .await;
    assert_eq!(received, 2 * DRIP + DRIP / 2 - fees);
    assert_eq!(t.vault_balance().await, FUNDED - (2 * DRIP + DRIP / 2));

    // The budget counted 2.5 drips gross, plus 3 minutes of refill (0.25 drip): 2.75 drips are
    // left, so two more wallets pass and the third is short.
    let mut passed = 0;
    for _ in 0..3 {
        let wallet = t.chain.new_wallet().await;
        if t.claim(&wallet).await.is_ok() {
            passed += 1;
        }
    }
    assert_eq!(passed, 2);
}

#[tokio::test]
async fn close_harvests_withheld_fees() {
    let mut t = fee_faucet(ClaimLimits::default(), 0).await;
    let mint = t.keys.mint;
    let creator = t.creator.insecure_clone();
    let source = t
        .chain
        .create_associated_token_account(&creator.pubkey(), &mint)
        .await;
    t.chain.mint_to(&mint, &source, 10 * DRIP).await;
    let fund = instructions::fund(&t.keys, &creator.pubkey(), &source, 10 * DRIP);
    t.process_as_creator(&[fund])
        .await
        .expect("funding succeeds");
    let vault_balance = t.vault_balance().await;
    let treasury = t.chain.new_wallet().await;
    let destination = t
        .chain
        .create_associated_token_account(&treasury.pubkey(), &mint)
        .await;

    let close = instructions::close_faucet(&t.keys, &creator.pubkey(), &destination);
    t.process_as_creator(&[close])
        .await
        .expect("closing a vault that withholds fees succeeds");

    assert_eq!(t.chain.account(&t.keys.vault).await, None);
    // The last transfer pays the fee too: 1 % of 99 tokens, capped at 1 token.
    let fee = (vault_balance / 100).min(1_000_000);
    assert_eq!(
        t.chain.token_balance(&destination).await,
        vault_balance - fee
    );
}
