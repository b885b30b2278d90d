//! Config updates, pausing, and the rule that only the authority may run admin instructions.

use faucet::events::{ConfigUpdated, FaucetPaused};
use faucet_client::{
    ClaimLimits, FaucetError, UpdateConfigArgs, events::parse_events, instructions,
};
use faucet_tests::*;
use solana_pubkey::Pubkey;
use solana_signer::Signer;

fn update(drip_amount: Option<u64>, cooldown_seconds: Option<i64>) -> UpdateConfigArgs {
    UpdateConfigArgs {
        drip_amount,
        cooldown_seconds,
        limits: None,
        gate: None,
    }
}

#[tokio::test]
async fn update_config_applies_to_next_claim() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    t.claim(&claimer).await.expect("first claim succeeds");
    let now = t.chain.unix_timestamp().await;

    let change = instructions::update_config(
        &t.keys.faucet,
        &t.creator.pubkey(),
        update(Some(DRIP / 2), Some(10)),
    );
    let executed = t
        .process_as_creator(&[change])
        .await
        .expect("update succeeds");

    assert_eq!(
        parse_events::<ConfigUpdated>(&executed.logs),
        vec![ConfigUpdated {
            faucet: t.keys.faucet,
            authority: t.creator.pubkey(),
            old_drip_amount: DRIP,
            new_drip_amount: DRIP / 2,
            old_cooldown_seconds: COOLDOWN,
            new_cooldown_seconds: 10,
            old_limits: ClaimLimits::default(),
            new_limits: ClaimLimits::default(),
            old_gate: Default::default(),
            new_gate: Default::default(),
            timestamp: now,
        }]
    );
    t.chain.advance_clock(9).await;
    assert_eq!(
        expect_failure(t.claim(&claimer).await),
        faucet_error(0, FaucetError::CooldownActive)
    );
    t.chain.advance_clock(1).await;
    t.claim(&claimer)
        .await
        .expect("claim after the new, shorter cooldown succeeds");
    let token_account = t.token_account_of(&claimer.pubkey());
    assert_eq!(t.chain.token_balance(&token_account).await, DRIP + DRIP / 2);
}

#[tokio::test]
async fn update_config_one_field() {
    let mut t = setup(TOKEN_2022).await;
    let change = instructions::update_config(
        &t.keys.faucet,
        &t.creator.pubkey(),
        update(None, Some(faucet::MAX_COOLDOWN_SECONDS)),
    );
    t.process_as_creator(&[change])
        .await
        .expect("update succeeds");

    let faucet = t.faucet().await;
    assert_eq!(faucet.drip_amount, DRIP);
    assert_eq!(faucet.cooldown_seconds, faucet::MAX_COOLDOWN_SECONDS);
}

#[tokio::test]
async fn update_config_validation() {
    let mut t = setup(SPL_TOKEN).await;
    let cases = [
        (
            "nothing to change",
            update(None, None),
            FaucetError::EmptyConfigUpdate,
        ),
        (
            "zero drip",
            update(Some(0), None),
            FaucetError::InvalidDripAmount,
        ),
        (
            "zero cooldown",
            update(None, Some(0)),
            FaucetError::CooldownOutOfRange,
        ),
        (
            "cooldown past max",
            update(Some(1), Some(faucet::MAX_COOLDOWN_SECONDS + 1)),
            FaucetError::CooldownOutOfRange,
        ),
    ];
    let before = t.snapshot(&[t.keys.faucet]).await;
    for (name, args, expected) in cases {
        let change = instructions::update_config(&t.keys.faucet, &t.creator.pubkey(), args);
        let error = expect_failure(t.process_as_creator(&[change]).await);
        assert_eq!(error, faucet_error(0, expected), "{name}");
        assert_eq!(
            t.snapshot(&[t.keys.faucet]).await,
            before,
            "{name}: faucet unchanged"
        );
    }
}

#[tokio::test]
async fn set_paused_is_idempotent() {
    let mut t = setup(SPL_TOKEN).await;
    let now = t.chain.unix_timestamp().await;
    for _ in 0..2 {
        let pause = instructions::set_paused(&t.keys.faucet, &t.creator.pubkey(), true);
        let executed = t
            .process_as_creator(&[pause])
            .await
            .expect("pause succeeds");
        assert!(t.faucet().await.paused);
        assert_eq!(
            parse_events::<FaucetPaused>(&executed.logs),
            vec![FaucetPaused {
                faucet: t.keys.faucet,
                authority: t.creator.pubkey(),
                timestamp: now
            }]
        );
    }
}

#[tokio::test]
async fn admin_instructions_need_authority() {
    let mut t = setup(SPL_TOKEN).await;
    let intruder = t.chain.new_wallet().await;
    let mint = t.keys.mint;
    let intruder_account = t
        .chain
        .create_associated_token_account(&intruder.pubkey(), &mint)
        .await;
    let faucet = t.keys.faucet;
    let cases = [
        (
            "update_config",
            instructions::update_config(
                &faucet,
                &intruder.pubkey(),
                update(Some(u64::MAX), Some(1)),
            ),
        ),
        (
            "set_paused",
            instructions::set_paused(&faucet, &intruder.pubkey(), true),
        ),
        (
            "propose_authority",
            instructions::propose_authority(&faucet, &intruder.pubkey(), &intruder.pubkey()),
        ),
        (
            "cancel_authority_transfer",
            instructions::cancel_authority_transfer(&faucet, &intruder.pubkey()),
        ),
        (
            "withdraw",
            instructions::withdraw(&t.keys, &intruder.pubkey(), &intruder_account, 1),
        ),
        (
            "close_faucet",
            instructions::close_faucet(&t.keys, &intruder.pubkey(), &intruder_account),
        ),
    ];
    let watched: [Pubkey; 3] = [t.keys.faucet, t.keys.vault, intruder_account];
    let before = t.snapshot(&watched).await;

    for (name, instruction) in cases {
        let error = expect_failure(
            t.chain
                .process_with_payer(&[instruction], &intruder, &[])
                .await,
        );
        assert_eq!(error, faucet_error(0, FaucetError::Unauthorized), "{name}");
        assert_eq!(
            t.snapshot(&watched).await,
            before,
            "{name}: nothing changed"
        );
    }
}
