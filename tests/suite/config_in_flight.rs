//! A claim built against one config must not pay out under another that the claimer did not see.

use faucet::events::TokensClaimed;
use faucet_client::instructions::{self, ClaimOptions};
use faucet_client::{ClaimArgs, FaucetError, UpdateConfigArgs, events::parse_events};
use faucet_tests::*;
use solana_keypair::Keypair;
use solana_signer::Signer;

async fn set_drip(t: &mut TestFaucet, drip_amount: u64) {
    let args = UpdateConfigArgs {
        drip_amount: Some(drip_amount),
        ..UpdateConfigArgs::default()
    };
    let update = instructions::update_config(&t.keys.faucet, &t.creator.pubkey(), args);
    t.process_as_creator(&[update])
        .await
        .expect("drip update succeeds");
}

async fn claim_expecting(
    t: &mut TestFaucet,
    claimer: &Keypair,
    expected_drip: u64,
) -> Result<faucet_chain::Executed, faucet_chain::Failed> {
    let options = ClaimOptions {
        args: ClaimArgs {
            expected_drip: Some(expected_drip),
            ..ClaimArgs::default()
        },
        ..ClaimOptions::default()
    };
    let claim = instructions::claim_with(&t.keys, &claimer.pubkey(), &claimer.pubkey(), &options);
    t.chain.process_with_payer(&[claim], claimer, &[]).await
}

#[tokio::test]
async fn drip_raised_then_lowered_in_flight() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    set_drip(&mut t, 2 * DRIP).await;
    set_drip(&mut t, DRIP / 2).await;

    let before = t.claim_state(&claimer.pubkey()).await;
    let failed = claim_expecting(&mut t, &claimer, DRIP)
        .await
        .expect_err("the stale claim is rejected");

    assert_eq!(failed.error, faucet_error(0, FaucetError::DripChanged));
    let expected_log = format!(
        "Program log: Drip amount changed: the claim expected {DRIP} base units, the faucet now drips {}",
        DRIP / 2
    );
    assert!(
        failed.logs.contains(&expected_log),
        "logs: {:#?}",
        failed.logs
    );
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);

    let executed = claim_expecting(&mut t, &claimer, DRIP / 2)
        .await
        .expect("a claim built against the new drip succeeds");
    assert_eq!(
        parse_events::<TokensClaimed>(&executed.logs)[0].amount,
        DRIP / 2
    );
}

#[tokio::test]
async fn claim_without_expectation_takes_current_drip() {
    let mut t = setup(TOKEN_2022).await;
    let claimer = t.chain.new_wallet().await;
    set_drip(&mut t, 2 * DRIP).await;

    let error = expect_failure(claim_expecting(&mut t, &claimer, DRIP).await);
    assert_eq!(error, faucet_error(0, FaucetError::DripChanged));

    t.claim(&claimer)
        .await
        .expect("a claim that names no drip pays the current one");
    assert_eq!(
        t.chain
            .token_balance(&t.token_account_of(&claimer.pubkey()))
            .await,
        2 * DRIP
    );
}
