use faucet::events::TokensWithdrawn;
use faucet_client::{FaucetError, events::parse_events, instructions};
use faucet_tests::*;
use solana_signer::Signer;

#[tokio::test]
async fn withdraw_to_any_account_of_mint() {
    let mut t = setup(TOKEN_2022).await;
    let treasury = t.chain.new_wallet().await;
    let mint = t.keys.mint;
    let destination = t
        .chain
        .create_token_account(&treasury.pubkey(), &mint)
        .await;
    let now = t.chain.unix_timestamp().await;

    let withdraw = instructions::withdraw(&t.keys, &t.creator.pubkey(), &destination, 3 * DRIP);
    let executed = t
        .process_as_creator(&[withdraw])
        .await
        .expect("withdrawal succeeds");

    assert_eq!(t.vault_balance().await, FUNDED - 3 * DRIP);
    assert_eq!(t.chain.token_balance(&destination).await, 3 * DRIP);
    assert_eq!(
        parse_events::<TokensWithdrawn>(&executed.logs),
        vec![TokensWithdrawn {
            faucet: t.keys.faucet,
            authority: t.creator.pubkey(),
            destination,
            amount: 3 * DRIP,
            fee: 0,
            timestamp: now,
        }]
    );
}

#[tokio::test]
async fn withdraw_whole_balance() {
    let mut t = setup(SPL_TOKEN).await;
    let mint = t.keys.mint;
    let destination = t
        .chain
        .create_associated_token_account(&t.creator.pubkey(), &mint)
        .await;

    let withdraw = instructions::withdraw(&t.keys, &t.creator.pubkey(), &destination, FUNDED);
    t.process_as_creator(&[withdraw])
        .await
        .expect("withdrawing everything succeeds");

    assert_eq!(t.vault_balance().await, 0);
    assert_eq!(t.chain.token_balance(&destination).await, FUNDED);
}

#[tokio::test]
async fn withdraw_rejections() {
    let mut t = setup(SPL_TOKEN).await;
    let mint = t.keys.mint;
    let destination = t
        .chain
        .create_associated_token_account(&t.creator.pubkey(), &mint)
        .await;
    let other_mint = t.chain.create_mint(&SPL_TOKEN, DECIMALS).await;
    let other_destination = t
        .chain
        .create_associated_token_account(&t.creator.pubkey(), &other_mint)
        .await;

    let cases = [
        (
            "zero",
            instructions::withdraw(&t.keys, &t.creator.pubkey(), &destination, 0),
            faucet_error(0, FaucetError::InvalidAmount),
        ),
        (
            "one above balance",
            instructions::withdraw(&t.keys, &t.creator.pubkey(), &destination, FUNDED + 1),
            faucet_error(0, FaucetError::InsufficientVaultBalance),
        ),
        (
            "u64::MAX",
            instructions::withdraw(&t.keys, &t.creator.pubkey(), &destination, u64::MAX),
            faucet_error(0, FaucetError::InsufficientVaultBalance),
        ),
        (
            "another mint",
            instructions::withdraw(&t.keys, &t.creator.pubkey(), &other_destination, 1),
            anchor_error(0, anchor_lang::error::ErrorCode::ConstraintTokenMint),
        ),
    ];
    for (name, withdraw, expected) in cases {
        let error = expect_failure(t.process_as_creator(&[withdraw]).await);
        assert_eq!(error, expected, "{name}");
    }

    assert_eq!(t.vault_balance().await, FUNDED);
    assert_eq!(t.chain.token_balance(&destination).await, 0);
    assert_eq!(t.chain.token_balance(&other_destination).await, 0);
}

#[tokio::test]
async fn withdraw_to_vault_rejected() {
    let mut t = setup(SPL_TOKEN).await;
    let withdraw = instructions::withdraw(&t.keys, &t.creator.pubkey(), &t.keys.vault, DRIP);

    let error = expect_failure(t.process_as_creator(&[withdraw]).await);

    assert_eq!(
        error,
        anchor_error(
            0,
            anchor_lang::error::ErrorCode::ConstraintDuplicateMutableAccount
        )
    );
    assert_eq!(t.vault_balance().await, FUNDED);
}
