use anchor_lang::error::ErrorCode as AnchorErrorCode;
use faucet::events::FaucetClosed;
use faucet_client::{Faucet, events::parse_events, instructions};
use faucet_tests::*;
use solana_pubkey::Pubkey;
use solana_signer::Signer;

async fn close_returns_tokens_and_rent(token_program: Pubkey, funded: u64) {
    let mut t = setup_with(token_program, DRIP, COOLDOWN, funded).await;
    let treasury = t.chain.new_wallet().await;
    let mint = t.keys.mint;
    let destination = t
        .chain
        .create_associated_token_account(&treasury.pubkey(), &mint)
        .await;
    let authority = t.creator.pubkey();
    let rent = t.chain.lamports(&t.keys.faucet).await + t.chain.lamports(&t.keys.vault).await;
    let authority_lamports = t.chain.lamports(&authority).await;
    let now = t.chain.unix_timestamp().await;

    let close = instructions::close_faucet(&t.keys, &authority, &destination);
    let executed = t
        .process_as_creator(&[close])
        .await
        .expect("closing succeeds");

    assert_eq!(t.chain.token_balance(&destination).await, funded);
    assert_eq!(t.chain.account(&t.keys.faucet).await, None);
    assert_eq!(t.chain.account(&t.keys.vault).await, None);
    // The chain's payer pays the fee, so the authority gains exactly the two rents.
    assert_eq!(
        t.chain.lamports(&authority).await,
        authority_lamports + rent
    );
    assert_eq!(
        parse_events::<FaucetClosed>(&executed.logs),
        vec![FaucetClosed {
            faucet: t.keys.faucet,
            authority,
            destination,
            amount: funded,
            timestamp: now
        }]
    );
}

#[tokio::test]
async fn close_funded_spl_token() {
    close_returns_tokens_and_rent(SPL_TOKEN, FUNDED).await;
}

#[tokio::test]
async fn close_funded_token_2022() {
    close_returns_tokens_and_rent(TOKEN_2022, FUNDED).await;
}

#[tokio::test]
async fn close_empty_vault() {
    close_returns_tokens_and_rent(SPL_TOKEN, 0).await;
}

#[tokio::test]
async fn claim_after_close_rejected() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let mint = t.keys.mint;
    let destination = t
        .chain
        .create_associated_token_account(&t.creator.pubkey(), &mint)
        .await;
    let close = instructions::close_faucet(&t.keys, &t.creator.pubkey(), &destination);
    t.process_as_creator(&[close])
        .await
        .expect("closing succeeds");

    let error = expect_failure(t.claim(&claimer).await);

    assert_eq!(
        error,
        anchor_error(0, AnchorErrorCode::AccountNotInitialized)
    );
    assert_eq!(
        t.chain
            .token_balance(&t.token_account_of(&claimer.pubkey()))
            .await,
        0
    );
}

#[tokio::test]
async fn close_to_other_mint_rejected() {
    let mut t = setup(TOKEN_2022).await;
    let other_mint = t.chain.create_mint(&TOKEN_2022, DECIMALS).await;
    let destination = t
        .chain
        .create_associated_token_account(&t.creator.pubkey(), &other_mint)
        .await;

    let close = instructions::close_faucet(&t.keys, &t.creator.pubkey(), &destination);
    let error = expect_failure(t.process_as_creator(&[close]).await);

    assert_eq!(error, anchor_error(0, AnchorErrorCode::ConstraintTokenMint));
    assert_eq!(t.vault_balance().await, FUNDED);
    assert_eq!(
        t.chain
            .account(&t.keys.faucet)
            .await
            .map(|account| account.data.len()),
        Some(Faucet::SPACE)
    );
}
