use faucet::events::FaucetFunded;
use faucet_client::{FaucetError, events::parse_events, instructions};
use faucet_tests::*;
use solana_instruction_error::InstructionError;
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use solana_transaction_error::TransactionError;

async fn fund_moves_exact_amount(token_program: Pubkey) {
    let mut t = setup_with(token_program, DRIP, COOLDOWN, 0).await;
    let funder = t.chain.new_wallet().await;
    let mint = t.keys.mint;
    let source = t
        .chain
        .create_associated_token_account(&funder.pubkey(), &mint)
        .await;
    t.chain.mint_to(&mint, &source, 3 * DRIP).await;
    let now = t.chain.unix_timestamp().await;

    let fund = instructions::fund(&t.keys, &funder.pubkey(), &source, 2 * DRIP + 1);
    let executed = t
        .chain
        .process(&[fund], &[&funder])
        .await
        .expect("funding succeeds");

    assert_eq!(t.vault_balance().await, 2 * DRIP + 1);
    assert_eq!(t.chain.token_balance(&source).await, DRIP - 1);
    assert_eq!(
        parse_events::<FaucetFunded>(&executed.logs),
        vec![FaucetFunded {
            faucet: t.keys.faucet,
            funder: funder.pubkey(),
            amount: 2 * DRIP + 1,
            fee: 0,
            timestamp: now,
        }]
    );
}

#[tokio::test]
async fn fund_spl_token() {
    fund_moves_exact_amount(SPL_TOKEN).await;
}

#[tokio::test]
async fn fund_token_2022() {
    fund_moves_exact_amount(TOKEN_2022).await;
}

#[tokio::test]
async fn fund_rejections() {
    let mut t = setup_with(SPL_TOKEN, DRIP, COOLDOWN, 0).await;
    let funder = t.chain.new_wallet().await;
    let stranger = t.chain.new_wallet().await;
    let mint = t.keys.mint;
    let source = t
        .chain
        .create_associated_token_account(&funder.pubkey(), &mint)
        .await;
    t.chain.mint_to(&mint, &source, DRIP).await;
    let other_mint = t.chain.create_mint(&SPL_TOKEN, DECIMALS).await;
    let other_source = t
        .chain
        .create_associated_token_account(&funder.pubkey(), &other_mint)
        .await;
    t.chain.mint_to(&other_mint, &other_source, DRIP).await;

    let zero = instructions::fund(&t.keys, &funder.pubkey(), &source, 0);
    let error = expect_failure(t.chain.process(&[zero], &[&funder]).await);
    assert_eq!(error, faucet_error(0, FaucetError::InvalidAmount));

    let other = instructions::fund(&t.keys, &funder.pubkey(), &other_source, 1);
    let error = expect_failure(t.chain.process(&[other], &[&funder]).await);
    assert_eq!(
        error,
        anchor_error(0, anchor_lang::error::ErrorCode::ConstraintTokenMint)
    );

    // SPL Token's InsufficientFunds (1) and OwnerMismatch (4).
    let too_much = instructions::fund(&t.keys, &funder.pubkey(), &source, DRIP + 1);
    let error = expect_failure(t.chain.process(&[too_much], &[&funder]).await);
    assert_eq!(
        error,
        TransactionError::InstructionError(0, InstructionError::Custom(1))
    );

    let not_owner = instructions::fund(&t.keys, &stranger.pubkey(), &source, 1);
    let error = expect_failure(t.chain.process(&[not_owner], &[&stranger]).await);
    assert_eq!(
        error,
        TransactionError::InstructionError(0, InstructionError::Custom(4))
    );

    assert_eq!(t.vault_balance().await, 0);
    assert_eq!(t.chain.token_balance(&source).await, DRIP);
    assert_eq!(t.chain.token_balance(&other_source).await, DRIP);
}
