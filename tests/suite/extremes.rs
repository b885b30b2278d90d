//! Extreme values: the largest drip, counters at the edge of u64, the longest cooldown.

use faucet_client::FaucetError;
use faucet_tests::*;
use solana_signer::Signer;

#[tokio::test]
async fn drip_of_u64_max() {
    let mut t = setup_with(SPL_TOKEN, u64::MAX, COOLDOWN, u64::MAX).await;
    let first = t.chain.new_wallet().await;
    let second = t.chain.new_wallet().await;

    t.claim(&first)
        .await
        .expect("a u64::MAX drip from a full vault succeeds");
    assert_eq!(
        t.chain
            .token_balance(&t.token_account_of(&first.pubkey()))
            .await,
        u64::MAX
    );
    assert_eq!(t.vault_balance().await, 0);
    assert_eq!(t.faucet().await.total_claimed, u64::MAX);

    let error = expect_failure(t.claim(&second).await);
    assert_eq!(error, faucet_error(0, FaucetError::VaultBalanceTooLow));
}

#[tokio::test]
async fn faucet_counters_near_u64_max() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;

    t.modify_faucet(|faucet| faucet.total_claimed = u64::MAX - DRIP + 1)
        .await;
    let before = t.claim_state(&claimer.pubkey()).await;
    assert_eq!(
        expect_failure(t.claim(&claimer).await),
        faucet_error(0, FaucetError::MathOverflow)
    );
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);

    t.modify_faucet(|faucet| faucet.total_claimed = u64::MAX - DRIP)
        .await;
    t.modify_faucet(|faucet| faucet.claim_count = u64::MAX)
        .await;
    assert_eq!(
        expect_failure(t.claim(&claimer).await),
        faucet_error(0, FaucetError::MathOverflow)
    );

    t.modify_faucet(|faucet| faucet.claim_count = u64::MAX - 1)
        .await;
    t.modify_faucet(|faucet| faucet.claimer_count = u64::MAX)
        .await;
    assert_eq!(
        expect_failure(t.claim(&claimer).await),
        faucet_error(0, FaucetError::MathOverflow)
    );
    assert_eq!(t.vault_balance().await, FUNDED);

    t.modify_faucet(|faucet| faucet.claimer_count = u64::MAX - 1)
        .await;
    t.claim(&claimer)
        .await
        .expect("a claim that lands exactly on u64::MAX succeeds");
    let faucet = t.faucet().await;
    assert_eq!(faucet.total_claimed, u64::MAX);
    assert_eq!(faucet.claim_count, u64::MAX);
    assert_eq!(faucet.claimer_count, u64::MAX);
}

#[tokio::test]
async fn claimer_counters_near_u64_max() {
    let mut t = setup(TOKEN_2022).await;
    let claimer = t.chain.new_wallet().await;
    t.claim(&claimer).await.expect("first claim succeeds");
    t.chain.advance_clock(COOLDOWN).await;

    t.modify_claim_record(&claimer.pubkey(), |record| record.total_claimed = u64::MAX)
        .await;
    let before = t.claim_state(&claimer.pubkey()).await;
    assert_eq!(
        expect_failure(t.claim(&claimer).await),
        faucet_error(0, FaucetError::MathOverflow)
    );
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);

    t.modify_claim_record(&claimer.pubkey(), |record| {
        record.total_claimed = DRIP;
        record.claim_count = u64::MAX;
    })
    .await;
    assert_eq!(
        expect_failure(t.claim(&claimer).await),
        faucet_error(0, FaucetError::MathOverflow)
    );
    assert_eq!(t.vault_balance().await, FUNDED - DRIP);
}

#[tokio::test]
async fn longest_cooldown_boundary() {
    let mut t = setup_with(SPL_TOKEN, DRIP, faucet::MAX_COOLDOWN_SECONDS, FUNDED).await;
    let claimer = t.chain.new_wallet().await;
    let first = t.chain.unix_timestamp().await;
    t.claim(&claimer).await.expect("first claim succeeds");

    t.chain
        .set_unix_timestamp(first + faucet::MAX_COOLDOWN_SECONDS - 1)
        .await;
    assert_eq!(
        expect_failure(t.claim(&claimer).await),
        faucet_error(0, FaucetError::CooldownActive)
    );

    t.chain
        .set_unix_timestamp(first + faucet::MAX_COOLDOWN_SECONDS)
        .await;
    t.claim(&claimer)
        .await
        .expect("claim exactly one year later succeeds");
    assert_eq!(t.vault_balance().await, FUNDED - 2 * DRIP);
}

#[tokio::test]
async fn last_claim_near_i64_max() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    t.claim(&claimer).await.expect("first claim succeeds");

    // A record whose next claim time does not fit in an i64 is rejected, not wrapped around.
    t.modify_claim_record(&claimer.pubkey(), |record| {
        record.last_claim_at = i64::MAX - COOLDOWN + 1
    })
    .await;
    let error = expect_failure(t.claim(&claimer).await);

    assert_eq!(error, faucet_error(0, FaucetError::MathOverflow));
    assert_eq!(t.vault_balance().await, FUNDED - DRIP);
}
