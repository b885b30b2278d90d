//! Closing claim records to return their rent, and the attempts that must fail.

use faucet::events::ClaimRecordClosed;
use faucet_client::{
    ClaimRecord, CreateFaucetArgs, FaucetError, events::parse_events, instructions,
};
use faucet_tests::*;
use solana_keypair::Keypair;
use solana_signer::Signer;

/// Closes the faucet, sending what is left in the vault to the creator.
async fn close_faucet(t: &mut TestFaucet) {
    let mint = t.keys.mint;
    let creator = t.creator.pubkey();
    let destination = t
        .chain
        .create_associated_token_account(&creator, &mint)
        .await;
    let close = instructions::close_faucet(&t.keys, &creator, &destination);
    t.process_as_creator(&[close])
        .await
        .expect("closing the faucet succeeds");
}

/// Creates the faucet again at the same address, with the same config, and funds it.
async fn recreate_faucet(t: &mut TestFaucet) {
    let creator = t.creator.pubkey();
    let args = CreateFaucetArgs {
        faucet_id: 0,
        drip_amount: DRIP,
        cooldown_seconds: COOLDOWN,
        limits: Default::default(),
        allowed_mint_extensions: 0,
        gate: Default::default(),
    };
    let create = instructions::create_faucet(&creator, &t.keys.mint, &t.keys.token_program, args);
    t.process_as_creator(&[create])
        .await
        .expect("creating the faucet again succeeds");
    let (mint, vault) = (t.keys.mint, t.keys.vault);
    t.chain.mint_to(&mint, &vault, FUNDED).await;
}

/// Claims for `claimer` with `sponsor` paying fees and rent.
async fn sponsored_claim(t: &mut TestFaucet, claimer: &Keypair, sponsor: &Keypair) {
    let claim = instructions::claim(&t.keys, &claimer.pubkey(), &sponsor.pubkey());
    t.chain
        .process_with_payer(&[claim], sponsor, &[claimer])
        .await
        .expect("sponsored claim succeeds");
}

#[tokio::test]
async fn record_stays_while_faucet_open() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    t.claim(&claimer).await.expect("claim succeeds");
    t.chain.advance_clock(10 * COOLDOWN).await;
    let record = t.record_address(&claimer.pubkey());
    let before = t.snapshot(&[record]).await;

    let close =
        instructions::close_claim_record(&t.keys.faucet, &claimer.pubkey(), &claimer.pubkey());
    let error = expect_failure(t.chain.process_with_payer(&[close], &claimer, &[]).await);

    assert_eq!(error, faucet_error(0, FaucetError::FaucetStillOpen));
    assert_eq!(t.snapshot(&[record]).await, before);
}

#[tokio::test]
async fn claim_then_close_in_one_transaction() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let claim = instructions::claim(&t.keys, &claimer.pubkey(), &claimer.pubkey());
    let close =
        instructions::close_claim_record(&t.keys.faucet, &claimer.pubkey(), &claimer.pubkey());

    let before = t.claim_state(&claimer.pubkey()).await;
    let outcome = t
        .chain
        .process_with_payer(&[claim.clone(), close, claim], &claimer, &[])
        .await;

    assert_eq!(
        expect_failure(outcome),
        faucet_error(1, FaucetError::FaucetStillOpen)
    );
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);
}

#[tokio::test]
async fn sponsor_gets_rent_back_after_close() {
    let mut t = setup(TOKEN_2022).await;
    let sponsor = t.chain.new_wallet().await;
    let claimer = Keypair::new();
    sponsored_claim(&mut t, &claimer, &sponsor).await;
    close_faucet(&mut t).await;
    let record = t.record_address(&claimer.pubkey());
    let rent = t.chain.lamports(&record).await;
    assert_eq!(rent, t.chain.rent_exempt_minimum(ClaimRecord::SPACE).await);
    let sponsor_lamports = t.chain.lamports(&sponsor.pubkey()).await;

    // The chain's payer pays the fee, so the sponsor's balance moves by the rent alone.
    let close =
        instructions::close_claim_record(&t.keys.faucet, &claimer.pubkey(), &sponsor.pubkey());
    let executed = t
        .chain
        .process(&[close], &[&sponsor])
        .await
        .expect("the sponsor closes the record");

    assert_eq!(t.chain.account(&record).await, None);
    assert_eq!(
        t.chain.lamports(&sponsor.pubkey()).await,
        sponsor_lamports + rent
    );
    let event = &parse_events::<ClaimRecordClosed>(&executed.logs)[0];
    assert_eq!((event.rent_payer, event.lamports), (sponsor.pubkey(), rent));
}

#[tokio::test]
async fn only_rent_payer_closes() {
    let mut t = setup(SPL_TOKEN).await;
    let sponsor = t.chain.new_wallet().await;
    let claimer = t.chain.new_wallet().await;
    sponsored_claim(&mut t, &claimer, &sponsor).await;
    close_faucet(&mut t).await;
    let record = t.record_address(&claimer.pubkey());
    let before = t.snapshot(&[record]).await;

    // The claimer signs as if it had paid, hoping to collect the sponsor's rent.
    let close =
        instructions::close_claim_record(&t.keys.faucet, &claimer.pubkey(), &claimer.pubkey());
    let error = expect_failure(t.chain.process(&[close], &[&claimer]).await);

    assert_eq!(error, faucet_error(0, FaucetError::NotRentPayer));
    assert_eq!(t.snapshot(&[record]).await, before);
}

#[tokio::test]
async fn recreated_faucet_keeps_open_records() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    t.claim(&claimer).await.expect("claim succeeds");
    close_faucet(&mut t).await;
    recreate_faucet(&mut t).await;

    // The record was not closed, so the cooldown still applies at the same address.
    let error = expect_failure(t.claim(&claimer).await);

    assert_eq!(error, faucet_error(0, FaucetError::CooldownActive));
    assert_eq!(t.vault_balance().await, FUNDED);
}

#[tokio::test]
async fn closed_record_starts_fresh_on_recreated_faucet() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    t.claim(&claimer).await.expect("claim succeeds");
    close_faucet(&mut t).await;
    let close =
        instructions::close_claim_record(&t.keys.faucet, &claimer.pubkey(), &claimer.pubkey());
    t.chain
        .process_with_payer(&[close], &claimer, &[])
        .await
        .expect("closing the record succeeds");
    recreate_faucet(&mut t).await;

    t.claim(&claimer)
        .await
        .expect("a new faucet at the old address has no history for the claimer");

    let record = t
        .chain
        .claim_record(&t.record_address(&claimer.pubkey()))
        .await
        .unwrap();
    assert_eq!(record.claim_count, 1);
    assert_eq!(t.faucet().await.claimer_count, 1);
    assert_eq!(t.vault_balance().await, FUNDED - DRIP);
}
