//! Two-step authority hand-over.

use faucet::events::AuthorityTransferred;
use faucet_client::{FaucetError, events::parse_events, instructions};
use faucet_tests::*;
use solana_pubkey::Pubkey;
use solana_signer::Signer;

#[tokio::test]
async fn hand_over_completes_on_accept() {
    let mut t = setup(SPL_TOKEN).await;
    let successor = t.chain.new_wallet().await;
    let bystander = t.chain.new_wallet().await;
    let faucet = t.keys.faucet;

    let propose =
        instructions::propose_authority(&faucet, &t.creator.pubkey(), &successor.pubkey());
    t.process_as_creator(&[propose])
        .await
        .expect("proposal succeeds");
    let state = t.faucet().await;
    assert_eq!(state.authority, t.creator.pubkey());
    assert_eq!(state.pending_authority, successor.pubkey());

    let wrong = instructions::accept_authority(&faucet, &bystander.pubkey());
    let error = expect_failure(t.chain.process(&[wrong], &[&bystander]).await);
    assert_eq!(error, faucet_error(0, FaucetError::NotPendingAuthority));

    let now = t.chain.unix_timestamp().await;
    let accept = instructions::accept_authority(&faucet, &successor.pubkey());
    let executed = t
        .chain
        .process(&[accept], &[&successor])
        .await
        .expect("acceptance succeeds");
    assert_eq!(
        parse_events::<AuthorityTransferred>(&executed.logs),
        vec![AuthorityTransferred {
            faucet,
            old_authority: t.creator.pubkey(),
            new_authority: successor.pubkey(),
            timestamp: now,
        }]
    );
    let state = t.faucet().await;
    assert_eq!(state.authority, successor.pubkey());
    assert_eq!(state.pending_authority, Pubkey::default());
    assert_eq!(state.creator, t.creator.pubkey());

    let old = instructions::set_paused(&faucet, &t.creator.pubkey(), true);
    assert_eq!(
        expect_failure(t.process_as_creator(&[old]).await),
        faucet_error(0, FaucetError::Unauthorized)
    );
    let new = instructions::set_paused(&faucet, &successor.pubkey(), true);
    t.chain
        .process(&[new], &[&successor])
        .await
        .expect("the new authority can pause");
    assert!(t.faucet().await.paused);
}

#[tokio::test]
async fn cancelled_proposal_cannot_be_accepted() {
    let mut t = setup(TOKEN_2022).await;
    let successor = t.chain.new_wallet().await;
    let faucet = t.keys.faucet;

    let cancel = instructions::cancel_authority_transfer(&faucet, &t.creator.pubkey());
    let error = expect_failure(t.process_as_creator(std::slice::from_ref(&cancel)).await);
    assert_eq!(error, faucet_error(0, FaucetError::NoPendingAuthority));

    let propose =
        instructions::propose_authority(&faucet, &t.creator.pubkey(), &successor.pubkey());
    t.process_as_creator(&[propose])
        .await
        .expect("proposal succeeds");
    t.process_as_creator(&[cancel])
        .await
        .expect("cancellation succeeds");
    assert_eq!(t.faucet().await.pending_authority, Pubkey::default());

    let accept = instructions::accept_authority(&faucet, &successor.pubkey());
    let error = expect_failure(t.chain.process(&[accept], &[&successor]).await);
    assert_eq!(error, faucet_error(0, FaucetError::NoPendingAuthority));
    assert_eq!(t.faucet().await.authority, t.creator.pubkey());
}

#[tokio::test]
async fn default_key_cannot_be_proposed() {
    let mut t = setup(SPL_TOKEN).await;
    let propose =
        instructions::propose_authority(&t.keys.faucet, &t.creator.pubkey(), &Pubkey::default());

    let error = expect_failure(t.process_as_creator(&[propose]).await);

    assert_eq!(error, faucet_error(0, FaucetError::InvalidPendingAuthority));
    assert_eq!(t.faucet().await.pending_authority, Pubkey::default());
}

#[tokio::test]
async fn new_proposal_replaces_pending_one() {
    let mut t = setup(SPL_TOKEN).await;
    let first = t.chain.new_wallet().await;
    let second = t.chain.new_wallet().await;
    let faucet = t.keys.faucet;
    for successor in [&first, &second] {
        let propose =
            instructions::propose_authority(&faucet, &t.creator.pubkey(), &successor.pubkey());
        t.process_as_creator(&[propose])
            .await
            .expect("proposal succeeds");
    }

    let stale = instructions::accept_authority(&faucet, &first.pubkey());
    let error = expect_failure(t.chain.process(&[stale], &[&first]).await);

    assert_eq!(error, faucet_error(0, FaucetError::NotPendingAuthority));
    assert_eq!(t.faucet().await.pending_authority, second.pubkey());
}
