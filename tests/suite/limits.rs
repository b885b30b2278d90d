//! Claimer caps, the global budget and the claim window, each at its boundary.

use faucet::events::TokensClaimed;
use faucet_client::{
    ClaimLimits, CreateFaucetArgs, FaucetError, FaucetKeys, UpdateConfigArgs, check_claim,
    events::parse_events, instructions,
};
use faucet_tests::*;
use solana_keypair::Keypair;
use solana_signer::Signer;

const HOUR: i64 = 3_600;

fn budget(capacity: u64, refill_amount: u64, refill_period_seconds: i64) -> ClaimLimits {
    ClaimLimits {
        budget_capacity: capacity,
        budget_refill_amount: refill_amount,
        budget_refill_period_seconds: refill_period_seconds,
        ..ClaimLimits::default()
    }
}

#[tokio::test]
async fn claim_count_cap_boundary() {
    let limits = ClaimLimits {
        max_claims_per_claimer: 2,
        ..ClaimLimits::default()
    };
    let mut t = setup_with_limits(SPL_TOKEN, DRIP, COOLDOWN, FUNDED, limits).await;
    let claimer = t.chain.new_wallet().await;
    for _ in 0..2 {
        t.claim(&claimer)
            .await
            .expect("claims under the cap succeed");
        t.chain.advance_clock(COOLDOWN).await;
    }

    let before = t.claim_state(&claimer.pubkey()).await;
    let error = expect_failure(t.claim(&claimer).await);

    assert_eq!(error, faucet_error(0, FaucetError::ClaimerCapReached));
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);
    assert_eq!(
        t.chain
            .token_balance(&t.token_account_of(&claimer.pubkey()))
            .await,
        2 * DRIP
    );
}

#[tokio::test]
async fn amount_cap_cuts_last_claim() {
    let limits = ClaimLimits {
        max_amount_per_claimer: 2 * DRIP + DRIP / 2,
        ..ClaimLimits::default()
    };
    let mut t = setup_with_limits(TOKEN_2022, DRIP, COOLDOWN, FUNDED, limits).await;
    let claimer = t.chain.new_wallet().await;
    for _ in 0..2 {
        t.claim(&claimer)
            .await
            .expect("full drips under the cap succeed");
        t.chain.advance_clock(COOLDOWN).await;
    }

    let executed = t
        .claim(&claimer)
        .await
        .expect("the claim reaching the cap is cut, not rejected");
    assert_eq!(
        parse_events::<TokensClaimed>(&executed.logs)[0].amount,
        DRIP / 2
    );
    let token_account = t.token_account_of(&claimer.pubkey());
    assert_eq!(
        t.chain.token_balance(&token_account).await,
        2 * DRIP + DRIP / 2
    );
    assert_eq!(t.vault_balance().await, FUNDED - 2 * DRIP - DRIP / 2);
    assert_eq!(t.faucet().await.total_claimed, 2 * DRIP + DRIP / 2);

    t.chain.advance_clock(COOLDOWN).await;
    let error = expect_failure(t.claim(&claimer).await);
    assert_eq!(error, faucet_error(0, FaucetError::ClaimerCapReached));
    assert_eq!(
        t.chain.token_balance(&token_account).await,
        2 * DRIP + DRIP / 2
    );
}

#[tokio::test]
async fn budget_boundary_and_refill() {
    // Three drips per hour: one drip's worth comes back every 1,200 s.
    let mut t = setup_with_limits(
        SPL_TOKEN,
        DRIP,
        COOLDOWN,
        FUNDED,
        budget(3 * DRIP, 3 * DRIP, HOUR),
    )
    .await;
    let start = t.chain.unix_timestamp().await;
    for _ in 0..3 {
        let claimer = t.chain.new_wallet().await;
        t.claim(&claimer)
            .await
            .expect("claims within the budget succeed");
    }

    let late = t.chain.new_wallet().await;
    let before = t.claim_state(&late.pubkey()).await;
    let failed = t
        .claim(&late)
        .await
        .expect_err("the fourth claim exceeds the budget");
    assert_eq!(failed.error, faucet_error(0, FaucetError::BudgetExhausted));
    let expected_log = format!(
        "Program log: Global budget exhausted: next claim allowed at unix time {} (in 1200 s) unless others claim first",
        start + 1_200
    );
    assert!(
        failed.logs.contains(&expected_log),
        "logs: {:#?}",
        failed.logs
    );
    assert_eq!(t.claim_state(&late.pubkey()).await, before);

    t.chain.set_unix_timestamp(start + 1_199).await;
    assert_eq!(
        expect_failure(t.claim(&late).await),
        faucet_error(0, FaucetError::BudgetExhausted)
    );
    t.chain.set_unix_timestamp(start + 1_200).await;
    t.claim(&late)
        .await
        .expect("one drip has refilled after 1,200 s");
    assert_eq!(t.vault_balance().await, FUNDED - 4 * DRIP);
}

#[tokio::test]
async fn budget_holds_under_burst() {
    const WALLETS: usize = 50;
    const CAPACITY_DRIPS: u64 = 20;
    let limits = budget(CAPACITY_DRIPS * DRIP, CAPACITY_DRIPS * DRIP, HOUR);
    let mut t = setup_with_limits(SPL_TOKEN, DRIP, COOLDOWN, FUNDED, limits).await;
    let mut wallets: Vec<Keypair> = Vec::with_capacity(WALLETS);
    for _ in 0..WALLETS {
        wallets.push(t.chain.new_wallet().await);
    }

    // All 50 within one slot and one clock second.
    let mut passed = 0;
    for wallet in &wallets {
        match t.claim(wallet).await {
            Ok(_) => passed += 1,
            Err(failed) => assert_eq!(failed.error, faucet_error(0, FaucetError::BudgetExhausted)),
        }
    }
    assert_eq!(passed, CAPACITY_DRIPS);
    assert_eq!(t.vault_balance().await, FUNDED - CAPACITY_DRIPS * DRIP);

    // A whole refill period later, the burst gets exactly one capacity more, never two.
    t.chain.advance_clock(10 * HOUR).await;
    let mut passed_after_refill = 0;
    for wallet in &wallets {
        if t.claim(wallet).await.is_ok() {
            passed_after_refill += 1;
        }
    }
    assert_eq!(passed_after_refill, CAPACITY_DRIPS);
    let faucet = t.faucet().await;
    assert_eq!(faucet.total_claimed, 2 * CAPACITY_DRIPS * DRIP);
    assert_eq!(faucet.claim_count, 2 * CAPACITY_DRIPS);
    assert_eq!(t.vault_balance().await, FUNDED - 2 * CAPACITY_DRIPS * DRIP);
}

#[tokio::test]
async fn claim_window_boundaries() {
    let mut t = setup_with(SPL_TOKEN, DRIP, 1, FUNDED).await;
    let now = t.chain.unix_timestamp().await;
    let limits = ClaimLimits {
        window_start: now + 100,
        window_end: now + 200,
        ..ClaimLimits::default()
    };
    let set_window = instructions::update_config(
        &t.keys.faucet,
        &t.creator.pubkey(),
        UpdateConfigArgs {
            limits: Some(limits),
            ..UpdateConfigArgs::default()
        },
    );
    t.process_as_creator(&[set_window])
        .await
        .expect("setting a window succeeds");
    let claimer = t.chain.new_wallet().await;

    t.chain.set_unix_timestamp(now + 99).await;
    let failed = t
        .claim(&claimer)
        .await
        .expect_err("a claim before the window is rejected");
    assert_eq!(
        failed.error,
        faucet_error(0, FaucetError::ClaimWindowNotOpen)
    );
    let expected_log = format!(
        "Program log: Claim window opens at unix time {} (in 1 s)",
        now + 100
    );
    assert!(
        failed.logs.contains(&expected_log),
        "logs: {:#?}",
        failed.logs
    );

    t.chain.set_unix_timestamp(now + 100).await;
    t.claim(&claimer)
        .await
        .expect("a claim at the window start succeeds");
    t.chain.set_unix_timestamp(now + 199).await;
    t.claim(&claimer)
        .await
        .expect("a claim one second before the end succeeds");
    t.chain.set_unix_timestamp(now + 200).await;
    assert_eq!(
        expect_failure(t.claim(&claimer).await),
        faucet_error(0, FaucetError::ClaimWindowClosed)
    );
    assert_eq!(t.vault_balance().await, FUNDED - 2 * DRIP);
}

#[tokio::test]
async fn limits_validation_names_field() {
    let mut chain = faucet_chain::Chain::start().await;
    let creator = chain.new_wallet().await;
    let mint = chain.create_mint(&SPL_TOKEN, DECIMALS).await;
    let max_period = faucet::MAX_COOLDOWN_SECONDS;
    let cases = [
        (
            "capacity one below drip",
            budget(DRIP - 1, 1, 1),
            FaucetError::BudgetCapacityBelowDrip,
        ),
        (
            "zero refill amount",
            budget(DRIP, 0, HOUR),
            FaucetError::InvalidBudgetRefill,
        ),
        (
            "zero refill period",
            budget(DRIP, 1, 0),
            FaucetError::InvalidBudgetRefill,
        ),
        (
            "refill period past max",
            budget(DRIP, 1, max_period + 1),
            FaucetError::InvalidBudgetRefill,
        ),
        (
            "refill without capacity",
            budget(0, 1, HOUR),
            FaucetError::InvalidBudgetRefill,
        ),
        (
            "window end before start",
            ClaimLimits {
                window_start: 200,
                window_end: 100,
                ..ClaimLimits::default()
            },
            FaucetError::InvalidClaimWindow,
        ),
        (
            "window end at start",
            ClaimLimits {
                window_start: 200,
                window_end: 200,
                ..ClaimLimits::default()
            },
            FaucetError::InvalidClaimWindow,
        ),
        (
            "negative window start",
            ClaimLimits {
                window_start: -1,
                ..ClaimLimits::default()
            },
            FaucetError::InvalidClaimWindow,
        ),
    ];
    for (faucet_id, (name, limits, expected)) in cases.into_iter().enumerate() {
        let args = CreateFaucetArgs {
            faucet_id: faucet_id as u64,
            drip_amount: DRIP,
            cooldown_seconds: COOLDOWN,
            limits,
            allowed_mint_extensions: 0,
            gate: Default::default(),
        };
        let create = instructions::create_faucet(&creator.pubkey(), &mint, &SPL_TOKEN, args);
        let error = expect_failure(chain.process(&[create], &[&creator]).await);
        assert_eq!(error, faucet_error(0, expected), "{name}");
        let keys = FaucetKeys::derive(&mint, &creator.pubkey(), faucet_id as u64, &SPL_TOKEN);
        assert_eq!(chain.account(&keys.faucet).await, None, "{name}: no faucet");
    }

    let accepted = [budget(DRIP, 1, 1), budget(u64::MAX, u64::MAX, max_period)];
    for (offset, limits) in accepted.into_iter().enumerate() {
        let args = CreateFaucetArgs {
            faucet_id: 100 + offset as u64,
            drip_amount: DRIP,
            cooldown_seconds: COOLDOWN,
            limits,
            allowed_mint_extensions: 0,
            gate: Default::default(),
        };
        let create = instructions::create_faucet(&creator.pubkey(), &mint, &SPL_TOKEN, args);
        chain
            .process(&[create], &[&creator])
            .await
            .expect("limits at their bounds are valid");
    }
}

#[tokio::test]
async fn update_checks_drip_against_capacity() {
    let mut t = setup_with_limits(
        SPL_TOKEN,
        DRIP,
        COOLDOWN,
        FUNDED,
        budget(2 * DRIP, DRIP, HOUR),
    )
    .await;
    let before = t.snapshot(&[t.keys.faucet]).await;
    let raise = UpdateConfigArgs {
        drip_amount: Some(2 * DRIP + 1),
        ..UpdateConfigArgs::default()
    };
    let change = instructions::update_config(&t.keys.faucet, &t.creator.pubkey(), raise);

    let error = expect_failure(t.process_as_creator(&[change]).await);

    assert_eq!(error, faucet_error(0, FaucetError::BudgetCapacityBelowDrip));
    assert_eq!(t.snapshot(&[t.keys.faucet]).await, before);
}

#[tokio::test]
async fn update_limits_keeps_available_budget() {
    let mut t = setup_with_limits(
        SPL_TOKEN,
        DRIP,
        COOLDOWN,
        FUNDED,
        budget(5 * DRIP, 5 * DRIP, HOUR),
    )
    .await;
    for _ in 0..4 {
        let claimer = t.chain.new_wallet().await;
        t.claim(&claimer)
            .await
            .expect("claims within the budget succeed");
    }

    // One drip is left; a larger budget must not hand out a fresh capacity at once.
    let limits = budget(50 * DRIP, 50 * DRIP, 10 * HOUR);
    let change = instructions::update_config(
        &t.keys.faucet,
        &t.creator.pubkey(),
        UpdateConfigArgs {
            limits: Some(limits),
            ..UpdateConfigArgs::default()
        },
    );
    t.process_as_creator(&[change])
        .await
        .expect("limit update succeeds");

    let first = t.chain.new_wallet().await;
    t.claim(&first)
        .await
        .expect("the one drip left is available");
    let second = t.chain.new_wallet().await;
    assert_eq!(
        expect_failure(t.claim(&second).await),
        faucet_error(0, FaucetError::BudgetExhausted)
    );
    assert_eq!(t.faucet().await.limits, limits);
}

#[tokio::test]
async fn client_view_matches_program() {
    let limits = ClaimLimits {
        max_claims_per_claimer: 1,
        ..budget(2 * DRIP, 2 * DRIP, HOUR)
    };
    let mut t = setup_with_limits(TOKEN_2022, DRIP, COOLDOWN, FUNDED, limits).await;
    let wallets = [
        t.chain.new_wallet().await,
        t.chain.new_wallet().await,
        t.chain.new_wallet().await,
    ];

    // At each step, the client-side view over decoded accounts predicts the program's result.
    for round in 0..2 {
        for wallet in &wallets {
            let faucet = t.faucet().await;
            let record = t
                .chain
                .claim_record(&t.record_address(&wallet.pubkey()))
                .await;
            let vault_balance = t.vault_balance().await;
            let now = t.chain.unix_timestamp().await;
            let predicted = check_claim(&faucet, record.as_ref(), vault_balance, now);

            let outcome = t.claim(wallet).await;
            match predicted {
                Ok(quote) => {
                    let executed = outcome.expect("the view predicted success");
                    assert_eq!(
                        parse_events::<TokensClaimed>(&executed.logs)[0].amount,
                        quote.amount
                    );
                    assert_eq!(t.faucet().await.budget_level, quote.budget_level);
                }
                Err(rejection) => {
                    let error = expect_failure(outcome);
                    assert_eq!(
                        error,
                        faucet_error(0, FaucetError::from(rejection)),
                        "round {round}"
                    );
                }
            }
        }
        t.chain.advance_clock(HOUR).await;
    }
}
