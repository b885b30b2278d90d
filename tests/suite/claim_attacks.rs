//! Claims by a hostile caller: each must fail and move nothing.

use anchor_lang::error::ErrorCode as AnchorErrorCode;
use faucet_client::{FaucetError, instructions};
use faucet_tests::*;
use solana_signer::Signer;
use solana_system_interface::instruction as system_instruction;

#[tokio::test]
async fn twice_in_one_transaction() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let claim = instructions::claim(&t.keys, &claimer.pubkey(), &claimer.pubkey());

    let before = t.claim_state(&claimer.pubkey()).await;
    let outcome = t
        .chain
        .process_with_payer(&[claim.clone(), claim], &claimer, &[])
        .await;

    assert_eq!(
        expect_failure(outcome),
        faucet_error(1, FaucetError::CooldownActive)
    );
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);
    assert_eq!(t.vault_balance().await, FUNDED);
}

#[tokio::test]
async fn twice_in_consecutive_transactions() {
    let mut t = setup(TOKEN_2022).await;
    let claimer = t.chain.new_wallet().await;
    t.claim(&claimer).await.expect("first claim succeeds");

    let before = t.claim_state(&claimer.pubkey()).await;
    let error = expect_failure(t.claim(&claimer).await);

    assert_eq!(error, faucet_error(0, FaucetError::CooldownActive));
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);
    assert_eq!(
        t.chain
            .token_balance(&t.token_account_of(&claimer.pubkey()))
            .await,
        DRIP
    );
    assert_eq!(t.vault_balance().await, FUNDED - DRIP);
}

#[tokio::test]
async fn fake_token_program_rejected() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let claim = instructions::claim(&t.keys, &claimer.pubkey(), &claimer.pubkey());
    let index = account_index(&claim, &SPL_TOKEN);

    // An executable program that is not a token program: the faucet program itself.
    let fake = replace_account(&claim, index, faucet::ID);
    let before = t.claim_state(&claimer.pubkey()).await;
    let error = expect_failure(t.chain.process_with_payer(&[fake], &claimer, &[]).await);

    assert_eq!(error, anchor_error(0, AnchorErrorCode::InvalidProgramId));
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);
}

#[tokio::test]
async fn other_token_program_rejected() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let claim = instructions::claim(&t.keys, &claimer.pubkey(), &claimer.pubkey());
    let index = account_index(&claim, &SPL_TOKEN);

    let swapped = replace_account(&claim, index, TOKEN_2022);
    let before = t.claim_state(&claimer.pubkey()).await;
    let error = expect_failure(t.chain.process_with_payer(&[swapped], &claimer, &[]).await);

    assert_eq!(error, anchor_error(0, AnchorErrorCode::ConstraintHasOne));
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);
}

#[tokio::test]
async fn destination_owned_by_someone_else_rejected() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let attacker = t.chain.new_wallet().await;
    let mint = t.keys.mint;
    let attacker_account = t
        .chain
        .create_associated_token_account(&attacker.pubkey(), &mint)
        .await;
    let claim = instructions::claim(&t.keys, &claimer.pubkey(), &claimer.pubkey());
    let index = account_index(&claim, &t.token_account_of(&claimer.pubkey()));

    let redirected = replace_account(&claim, index, attacker_account);
    let before = t.claim_state(&claimer.pubkey()).await;
    let error = expect_failure(
        t.chain
            .process_with_payer(&[redirected], &claimer, &[])
            .await,
    );

    assert_eq!(error, faucet_error(0, FaucetError::InvalidClaimDestination));
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);
    assert_eq!(t.chain.token_balance(&attacker_account).await, 0);
}

#[tokio::test]
async fn destination_of_another_mint_rejected() {
    let mut t = setup(TOKEN_2022).await;
    let claimer = t.chain.new_wallet().await;
    let other_mint = t.chain.create_mint(&TOKEN_2022, DECIMALS).await;
    let other_account = t
        .chain
        .create_associated_token_account(&claimer.pubkey(), &other_mint)
        .await;
    let claim = instructions::claim(&t.keys, &claimer.pubkey(), &claimer.pubkey());
    let index = account_index(&claim, &t.token_account_of(&claimer.pubkey()));

    let redirected = replace_account(&claim, index, other_account);
    let before = t.claim_state(&claimer.pubkey()).await;
    let error = expect_failure(
        t.chain
            .process_with_payer(&[redirected], &claimer, &[])
            .await,
    );

    assert_eq!(error, faucet_error(0, FaucetError::InvalidClaimDestination));
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);
    assert_eq!(t.chain.token_balance(&other_account).await, 0);
}

#[tokio::test]
async fn claim_into_own_non_associated_account() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let mint = t.keys.mint;
    let own_account = t.chain.create_token_account(&claimer.pubkey(), &mint).await;
    let claim = instructions::claim(&t.keys, &claimer.pubkey(), &claimer.pubkey());
    let index = account_index(&claim, &t.token_account_of(&claimer.pubkey()));

    let redirected = replace_account(&claim, index, own_account);
    t.chain
        .process_with_payer(&[redirected], &claimer, &[])
        .await
        .expect("the claimer's own account is accepted");

    assert_eq!(t.chain.token_balance(&own_account).await, DRIP);
    assert_eq!(
        t.chain
            .account(&t.token_account_of(&claimer.pubkey()))
            .await,
        None
    );
}

#[tokio::test]
async fn missing_destination_must_be_associated() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let claim = instructions::claim(&t.keys, &claimer.pubkey(), &claimer.pubkey());
    let index = account_index(&claim, &t.token_account_of(&claimer.pubkey()));

    let fresh = solana_keypair::Keypair::new();
    let redirected = replace_account(&claim, index, fresh.pubkey());
    let before = t.claim_state(&claimer.pubkey()).await;
    let error = expect_failure(
        t.chain
            .process_with_payer(&[redirected], &claimer, &[])
            .await,
    );

    assert_eq!(error, faucet_error(0, FaucetError::InvalidClaimDestination));
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);
    assert_eq!(t.chain.account(&fresh.pubkey()).await, None);
}

#[tokio::test]
async fn destination_of_other_token_program_rejected() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    // A Token-2022 account at an address the claimer controls, for a Token-2022 mint.
    let other_mint = t.chain.create_mint(&TOKEN_2022, DECIMALS).await;
    let other_account = t
        .chain
        .create_token_account(&claimer.pubkey(), &other_mint)
        .await;
    let claim = instructions::claim(&t.keys, &claimer.pubkey(), &claimer.pubkey());
    let index = account_index(&claim, &t.token_account_of(&claimer.pubkey()));

    let redirected = replace_account(&claim, index, other_account);
    let error = expect_failure(
        t.chain
            .process_with_payer(&[redirected], &claimer, &[])
            .await,
    );

    assert_eq!(error, faucet_error(0, FaucetError::InvalidClaimDestination));
    assert_eq!(t.vault_balance().await, FUNDED);
}

#[tokio::test]
async fn claimer_must_sign() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let attacker = t.chain.new_wallet().await;
    let mut claim = instructions::claim(&t.keys, &claimer.pubkey(), &attacker.pubkey());
    claim.accounts[0].is_signer = false;

    let before = t.claim_state(&claimer.pubkey()).await;
    let error = expect_failure(t.chain.process_with_payer(&[claim], &attacker, &[]).await);

    assert_eq!(error, anchor_error(0, AnchorErrorCode::AccountNotSigner));
    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);
}

#[tokio::test]
async fn another_claimers_record_rejected() {
    let mut t = setup(SPL_TOKEN).await;
    let first = t.chain.new_wallet().await;
    let second = t.chain.new_wallet().await;
    t.claim(&first)
        .await
        .expect("first claimer's claim succeeds");
    let claim = instructions::claim(&t.keys, &second.pubkey(), &second.pubkey());
    let index = account_index(&claim, &t.record_address(&second.pubkey()));

    // The second claimer presents the first claimer's record (a fresh-looking one is not
    // available), hoping to skip its own.
    let swapped = replace_account(&claim, index, t.record_address(&first.pubkey()));
    let before = t.claim_state(&second.pubkey()).await;
    let error = expect_failure(t.chain.process_with_payer(&[swapped], &second, &[]).await);

    assert_eq!(error, faucet_error(0, FaucetError::InvalidClaimRecord));
    assert_eq!(t.claim_state(&second.pubkey()).await, before);
}

#[tokio::test]
async fn record_at_wrong_address_rejected() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let claim = instructions::claim(&t.keys, &claimer.pubkey(), &claimer.pubkey());
    let index = account_index(&claim, &t.record_address(&claimer.pubkey()));

    // A brand-new address that is not the record's PDA, so a "first claim" could be replayed.
    let fresh = solana_keypair::Keypair::new();
    let swapped = replace_account(&claim, index, fresh.pubkey());
    let error = expect_failure(t.chain.process_with_payer(&[swapped], &claimer, &[]).await);

    assert_eq!(error, faucet_error(0, FaucetError::InvalidClaimRecord));
    assert_eq!(t.vault_balance().await, FUNDED);
}

#[tokio::test]
async fn vault_of_another_faucet_rejected() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let mint = t.keys.mint;
    let decoy = t.chain.create_token_account(&claimer.pubkey(), &mint).await;
    t.chain.mint_to(&mint, &decoy, FUNDED).await;
    let claim = instructions::claim(&t.keys, &claimer.pubkey(), &claimer.pubkey());
    let index = account_index(&claim, &t.keys.vault);

    let swapped = replace_account(&claim, index, decoy);
    let error = expect_failure(t.chain.process_with_payer(&[swapped], &claimer, &[]).await);

    assert_eq!(error, anchor_error(0, AnchorErrorCode::ConstraintHasOne));
    assert_eq!(t.chain.token_balance(&decoy).await, FUNDED);
    assert_eq!(t.vault_balance().await, FUNDED);
}

#[tokio::test]
async fn prefunded_record_address_still_created() {
    let mut t = setup(SPL_TOKEN).await;
    let system_account_minimum = t.chain.rent_exempt_minimum(0).await;
    // Below and above the record's rent-exempt minimum.
    for prefund in [system_account_minimum, 5_000_000_000] {
        let claimer = t.chain.new_wallet().await;
        let record = t.record_address(&claimer.pubkey());
        let payer = t.chain.payer();
        let transfer = system_instruction::transfer(&payer.pubkey(), &record, prefund);
        t.chain
            .process(&[transfer], &[])
            .await
            .expect("lamports reach the future record address");

        t.claim(&claimer)
            .await
            .expect("claim succeeds despite the prefunded record address");

        let rent = t
            .chain
            .rent_exempt_minimum(faucet_client::ClaimRecord::SPACE)
            .await;
        assert_eq!(t.chain.lamports(&record).await, prefund.max(rent));
        let stored = t
            .chain
            .claim_record(&record)
            .await
            .expect("the record exists");
        assert_eq!(stored.claim_count, 1);
        assert_eq!(t.chain.owner(&record).await, faucet::ID);
    }
}

#[tokio::test]
async fn faucet_account_as_record_rejected() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let claim = instructions::claim(&t.keys, &claimer.pubkey(), &claimer.pubkey());
    let index = account_index(&claim, &t.record_address(&claimer.pubkey()));

    // A genuine account of this program, but of another type, and the claim's own faucet.
    let confused = replace_account(&claim, index, t.keys.faucet);
    let error = expect_failure(t.chain.process_with_payer(&[confused], &claimer, &[]).await);

    assert_eq!(
        error,
        anchor_error(0, AnchorErrorCode::AccountDiscriminatorMismatch)
    );
    assert_eq!(t.vault_balance().await, FUNDED);
}

#[tokio::test]
async fn record_of_other_faucet_type_rejected() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    // A second faucet of the same creator: a program-owned account that is not a claim record.
    let args = faucet_client::CreateFaucetArgs {
        faucet_id: 1,
        drip_amount: DRIP,
        cooldown_seconds: COOLDOWN,
        limits: Default::default(),
        allowed_mint_extensions: 0,
        gate: Default::default(),
    };
    let create = instructions::create_faucet(&t.creator.pubkey(), &t.keys.mint, &SPL_TOKEN, args);
    t.process_as_creator(&[create])
        .await
        .expect("second faucet created");
    let other = faucet_client::FaucetKeys::derive(&t.keys.mint, &t.creator.pubkey(), 1, &SPL_TOKEN);
    let claim = instructions::claim(&t.keys, &claimer.pubkey(), &claimer.pubkey());
    let index = account_index(&claim, &t.record_address(&claimer.pubkey()));

    let confused = replace_account(&claim, index, other.faucet);
    let error = expect_failure(t.chain.process_with_payer(&[confused], &claimer, &[]).await);

    assert_eq!(
        error,
        anchor_error(0, AnchorErrorCode::AccountDiscriminatorMismatch)
    );
    assert_eq!(t.vault_balance().await, FUNDED);
}

#[tokio::test]
async fn remaining_accounts_ignored() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let attacker = t.chain.new_wallet().await;
    let mint = t.keys.mint;
    let attacker_account = t
        .chain
        .create_associated_token_account(&attacker.pubkey(), &mint)
        .await;
    let mut claim = instructions::claim(&t.keys, &claimer.pubkey(), &claimer.pubkey());
    claim.accounts.push(solana_instruction::AccountMeta::new(
        attacker_account,
        false,
    ));
    claim
        .accounts
        .push(solana_instruction::AccountMeta::new(t.keys.vault, false));

    t.chain
        .process_with_payer(&[claim], &claimer, &[])
        .await
        .expect("extra accounts change nothing");

    assert_eq!(
        t.chain
            .token_balance(&t.token_account_of(&claimer.pubkey()))
            .await,
        DRIP
    );
    assert_eq!(t.chain.token_balance(&attacker_account).await, 0);
    assert_eq!(t.vault_balance().await, FUNDED - DRIP);
}
