use anchor_lang::error::ErrorCode as AnchorErrorCode;
use faucet::events::FaucetCreated;
use faucet_chain::Chain;
use faucet_client::{
    ClaimLimits, CreateFaucetArgs, Faucet, FaucetError, FaucetKeys, events::parse_events,
    instructions, pda,
};
use faucet_tests::*;
use solana_instruction_error::InstructionError;
use solana_keypair::Keypair;
use solana_program_pack::Pack;
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use solana_system_interface::instruction as system_instruction;
use solana_transaction_error::TransactionError;

fn args(faucet_id: u64, drip_amount: u64, cooldown_seconds: i64) -> CreateFaucetArgs {
    CreateFaucetArgs {
        faucet_id,
        drip_amount,
        cooldown_seconds,
        limits: ClaimLimits::default(),
        allowed_mint_extensions: 0,
        gate: Default::default(),
    }
}

async fn chain_with_creator(token_program: &Pubkey) -> (Chain, Keypair, Pubkey) {
    let mut chain = Chain::start().await;
    let creator = chain.new_wallet().await;
    let mint = chain.create_mint(token_program, DECIMALS).await;
    (chain, creator, mint)
}

async fn creates_faucet_and_vault(token_program: Pubkey) {
    let (mut chain, creator, mint) = chain_with_creator(&token_program).await;
    let now = chain.unix_timestamp().await;
    let create = instructions::create_faucet(
        &creator.pubkey(),
        &mint,
        &token_program,
        args(7, DRIP, COOLDOWN),
    );

    let executed = chain
        .process(&[create], &[&creator])
        .await
        .expect("creation succeeds");

    let keys = FaucetKeys::derive(&mint, &creator.pubkey(), 7, &token_program);
    let (_, faucet_bump) = pda::faucet_address(&mint, &creator.pubkey(), 7);
    let (_, vault_bump) = pda::vault_address(&keys.faucet);
    let faucet = chain.faucet(&keys.faucet).await.expect("the faucet exists");
    assert_eq!(
        faucet,
        Faucet {
            authority: creator.pubkey(),
            pending_authority: Pubkey::default(),
            creator: creator.pubkey(),
            mint,
            token_program,
            vault: keys.vault,
            faucet_id: 7,
            drip_amount: DRIP,
            cooldown_seconds: COOLDOWN,
            created_at: now,
            bump: faucet_bump,
            vault_bump,
            budget_updated_at: now,
            ..Faucet::default()
        }
    );
    let faucet_account = chain.account(&keys.faucet).await.unwrap();
    assert_eq!(faucet_account.owner, faucet::ID);
    assert_eq!(faucet_account.data.len(), Faucet::SPACE);

    let vault_account = chain.account(&keys.vault).await.unwrap();
    assert_eq!(vault_account.owner, token_program);
    let vault = spl_token_2022_interface::state::Account::unpack_from_slice(
        &vault_account.data[..spl_token_2022_interface::state::Account::LEN],
    )
    .unwrap();
    assert_eq!(vault.owner, keys.faucet);
    assert_eq!(vault.mint, mint);
    assert_eq!(vault.amount, 0);

    assert_eq!(
        parse_events::<FaucetCreated>(&executed.logs),
        vec![FaucetCreated {
            faucet: keys.faucet,
            creator: creator.pubkey(),
            mint,
            vault: keys.vault,
            token_program,
            faucet_id: 7,
            drip_amount: DRIP,
            cooldown_seconds: COOLDOWN,
            limits: ClaimLimits::default(),
            allowed_mint_extensions: 0,
            gate: Default::default(),
            timestamp: now,
        }]
    );
}

#[tokio::test]
async fn create_spl_token() {
    creates_faucet_and_vault(SPL_TOKEN).await;
}

#[tokio::test]
async fn create_token_2022() {
    creates_faucet_and_vault(TOKEN_2022).await;
}

#[tokio::test]
async fn config_validation() {
    let (mut chain, creator, mint) = chain_with_creator(&SPL_TOKEN).await;
    let cases = [
        (
            "zero drip",
            args(0, 0, COOLDOWN),
            FaucetError::InvalidDripAmount,
        ),
        (
            "zero cooldown",
            args(1, DRIP, 0),
            FaucetError::CooldownOutOfRange,
        ),
        (
            "negative cooldown",
            args(2, DRIP, -1),
            FaucetError::CooldownOutOfRange,
        ),
        (
            "cooldown one past max",
            args(3, DRIP, faucet::MAX_COOLDOWN_SECONDS + 1),
            FaucetError::CooldownOutOfRange,
        ),
        (
            "cooldown i64::MAX",
            args(4, DRIP, i64::MAX),
            FaucetError::CooldownOutOfRange,
        ),
    ];
    for (name, args, expected) in cases {
        let faucet_id = args.faucet_id;
        let create = instructions::create_faucet(&creator.pubkey(), &mint, &SPL_TOKEN, args);
        let error = expect_failure(chain.process(&[create], &[&creator]).await);
        assert_eq!(error, faucet_error(0, expected), "{name}");
        let keys = FaucetKeys::derive(&mint, &creator.pubkey(), faucet_id, &SPL_TOKEN);
        assert_eq!(chain.account(&keys.faucet).await, None, "{name}: no faucet");
        assert_eq!(chain.account(&keys.vault).await, None, "{name}: no vault");
    }
}

#[tokio::test]
async fn cooldown_bounds_accepted() {
    let (mut chain, creator, mint) = chain_with_creator(&SPL_TOKEN).await;
    for (faucet_id, cooldown) in [
        (0, faucet::MIN_COOLDOWN_SECONDS),
        (1, faucet::MAX_COOLDOWN_SECONDS),
    ] {
        let create = instructions::create_faucet(
            &creator.pubkey(),
            &mint,
            &SPL_TOKEN,
            args(faucet_id, 1, cooldown),
        );
        chain
            .process(&[create], &[&creator])
            .await
            .expect("a cooldown at a bound is valid");
        let keys = FaucetKeys::derive(&mint, &creator.pubkey(), faucet_id, &SPL_TOKEN);
        assert_eq!(
            chain.faucet(&keys.faucet).await.unwrap().cooldown_seconds,
            cooldown
        );
    }
}

#[tokio::test]
async fn several_faucets_per_mint() {
    let (mut chain, creator, mint) = chain_with_creator(&TOKEN_2022).await;
    for faucet_id in [0, 1, u64::MAX] {
        let create = instructions::create_faucet(
            &creator.pubkey(),
            &mint,
            &TOKEN_2022,
            args(faucet_id, DRIP + faucet_id % 7, COOLDOWN),
        );
        chain
            .process(&[create], &[&creator])
            .await
            .expect("each id gets its own faucet");
    }
    for faucet_id in [0, 1, u64::MAX] {
        let keys = FaucetKeys::derive(&mint, &creator.pubkey(), faucet_id, &TOKEN_2022);
        let faucet = chain.faucet(&keys.faucet).await.expect("the faucet exists");
        assert_eq!(faucet.faucet_id, faucet_id);
        assert_eq!(faucet.drip_amount, DRIP + faucet_id % 7);
    }
}

#[tokio::test]
async fn same_id_twice_rejected() {
    let (mut chain, creator, mint) = chain_with_creator(&SPL_TOKEN).await;
    let create = instructions::create_faucet(
        &creator.pubkey(),
        &mint,
        &SPL_TOKEN,
        args(0, DRIP, COOLDOWN),
    );
    chain
        .process(&[create], &[&creator])
        .await
        .expect("first creation succeeds");
    let keys = FaucetKeys::derive(&mint, &creator.pubkey(), 0, &SPL_TOKEN);
    let before = chain.account(&keys.faucet).await;

    let again = instructions::create_faucet(&creator.pubkey(), &mint, &SPL_TOKEN, args(0, 1, 1));
    let error = expect_failure(chain.process(&[again], &[&creator]).await);

    // The system program's AccountAlreadyInUse, raised by the faucet account's `init`.
    assert_eq!(
        error,
        TransactionError::InstructionError(0, InstructionError::Custom(0))
    );
    assert_eq!(chain.account(&keys.faucet).await, before);
}

#[tokio::test]
async fn stranger_cannot_take_creators_address() {
    let (mut chain, creator, mint) = chain_with_creator(&SPL_TOKEN).await;
    let stranger = chain.new_wallet().await;
    let keys = FaucetKeys::derive(&mint, &creator.pubkey(), 0, &SPL_TOKEN);

    // The stranger names the creator without the creator's signature.
    let mut forged =
        instructions::create_faucet(&creator.pubkey(), &mint, &SPL_TOKEN, args(0, 1, 1));
    forged.accounts[0].is_signer = false;
    let error = expect_failure(chain.process_with_payer(&[forged], &stranger, &[]).await);
    assert_eq!(error, anchor_error(0, AnchorErrorCode::AccountNotSigner));
    assert_eq!(chain.account(&keys.faucet).await, None);

    // With its own key, the stranger gets another address, and the creator's stays free.
    let own = instructions::create_faucet(&stranger.pubkey(), &mint, &SPL_TOKEN, args(0, 1, 1));
    chain
        .process_with_payer(&[own], &stranger, &[])
        .await
        .expect("the stranger's own faucet is created");
    let stranger_keys = FaucetKeys::derive(&mint, &stranger.pubkey(), 0, &SPL_TOKEN);
    assert_ne!(stranger_keys.faucet, keys.faucet);
    assert_eq!(chain.account(&keys.faucet).await, None);

    let create = instructions::create_faucet(
        &creator.pubkey(),
        &mint,
        &SPL_TOKEN,
        args(0, DRIP, COOLDOWN),
    );
    chain
        .process(&[create], &[&creator])
        .await
        .expect("the creator's faucet is created");
    assert_eq!(
        chain.faucet(&keys.faucet).await.unwrap().authority,
        creator.pubkey()
    );
}

#[tokio::test]
async fn prefunded_addresses_still_created() {
    let (mut chain, creator, mint) = chain_with_creator(&TOKEN_2022).await;
    let keys = FaucetKeys::derive(&mint, &creator.pubkey(), 0, &TOKEN_2022);
    let payer = chain.payer();
    let system_account_minimum = chain.rent_exempt_minimum(0).await;
    let transfers = [
        system_instruction::transfer(&payer.pubkey(), &keys.faucet, system_account_minimum),
        system_instruction::transfer(&payer.pubkey(), &keys.vault, system_account_minimum),
    ];
    chain
        .process(&transfers, &[])
        .await
        .expect("lamports reach the future addresses");

    let create = instructions::create_faucet(
        &creator.pubkey(),
        &mint,
        &TOKEN_2022,
        args(0, DRIP, COOLDOWN),
    );
    chain
        .process(&[create], &[&creator])
        .await
        .expect("creation succeeds despite the prefunded addresses");

    let faucet_rent = chain.rent_exempt_minimum(Faucet::SPACE).await;
    assert_eq!(chain.lamports(&keys.faucet).await, faucet_rent);
    assert_eq!(chain.owner(&keys.faucet).await, faucet::ID);
    assert_eq!(chain.owner(&keys.vault).await, TOKEN_2022);
    assert_eq!(chain.faucet(&keys.faucet).await.unwrap().vault, keys.vault);
}

#[tokio::test]
async fn mint_of_other_token_program_rejected() {
    let (mut chain, creator, mint) = chain_with_creator(&SPL_TOKEN).await;
    let create = instructions::create_faucet(
        &creator.pubkey(),
        &mint,
        &TOKEN_2022,
        args(0, DRIP, COOLDOWN),
    );

    let error = expect_failure(chain.process(&[create], &[&creator]).await);

    // Anchor creates `init` accounts before it checks the other constraints, so Token-2022
    // itself rejects the SPL Token mint while initializing the vault.
    assert_eq!(
        error,
        TransactionError::InstructionError(0, InstructionError::IncorrectProgramId)
    );
    let keys = FaucetKeys::derive(&mint, &creator.pubkey(), 0, &TOKEN_2022);
    assert_eq!(chain.account(&keys.faucet).await, None);
}
