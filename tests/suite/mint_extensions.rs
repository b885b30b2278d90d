//! The Token-2022 extension policy at faucet creation.

use faucet_chain::{Chain, MintExtension};
use faucet_client::{
    ALLOW_CONFIDENTIAL_TRANSFERS, ALLOW_DEFAULT_FROZEN, ALLOW_NON_TRANSFERABLE,
    ALLOW_PERMANENT_DELEGATE, ALLOW_TRANSFER_HOOK, ClaimLimits, CreateFaucetArgs, FaucetError,
    FaucetKeys, instructions,
};
use faucet_tests::*;
use solana_pubkey::Pubkey;
use solana_signer::Signer;

fn args(faucet_id: u64, allowed_mint_extensions: u16) -> CreateFaucetArgs {
    CreateFaucetArgs {
        faucet_id,
        drip_amount: DRIP,
        cooldown_seconds: COOLDOWN,
        limits: ClaimLimits::default(),
        allowed_mint_extensions,
        gate: Default::default(),
    }
}

fn risky_extensions() -> [(&'static str, MintExtension, u16, FaucetError); 5] {
    [
        (
            "permanent delegate",
            MintExtension::PermanentDelegate(Pubkey::new_unique()),
            ALLOW_PERMANENT_DELEGATE,
            FaucetError::MintHasPermanentDelegate,
        ),
        (
            "transfer hook",
            MintExtension::TransferHook {
                program_id: Pubkey::new_unique(),
            },
            ALLOW_TRANSFER_HOOK,
            FaucetError::MintHasTransferHook,
        ),
        (
            "non-transferable",
            MintExtension::NonTransferable,
            ALLOW_NON_TRANSFERABLE,
            FaucetError::MintIsNonTransferable,
        ),
        (
            "default frozen",
            MintExtension::DefaultFrozen,
            ALLOW_DEFAULT_FROZEN,
            FaucetError::MintDefaultsToFrozen,
        ),
        (
            "confidential transfers",
            MintExtension::ConfidentialTransfers,
            ALLOW_CONFIDENTIAL_TRANSFERS,
            FaucetError::MintHasConfidentialTransfers,
        ),
    ]
}

#[tokio::test]
async fn risky_extensions_need_their_flag() {
    let mut chain = Chain::start().await;
    let creator = chain.new_wallet().await;
    for (name, extension, flag, expected) in risky_extensions() {
        let mint = chain.create_token_2022_mint(DECIMALS, &[extension]).await;

        // Every other flag set, but not this extension's.
        let others = instructions::create_faucet(
            &creator.pubkey(),
            &mint,
            &TOKEN_2022,
            args(0, 0x1f & !flag),
        );
        let error = expect_failure(chain.process(&[others], &[&creator]).await);
        assert_eq!(error, faucet_error(0, expected), "{name}");
        let keys = FaucetKeys::derive(&mint, &creator.pubkey(), 0, &TOKEN_2022);
        assert_eq!(chain.account(&keys.faucet).await, None, "{name}: no faucet");

        let allowed =
            instructions::create_faucet(&creator.pubkey(), &mint, &TOKEN_2022, args(0, flag));
        chain
            .process(&[allowed], &[&creator])
            .await
            .unwrap_or_else(|failed| panic!("{name} with its flag: {failed:?}"));
        let faucet = chain.faucet(&keys.faucet).await.expect("the faucet exists");
        assert_eq!(faucet.allowed_mint_extensions, flag, "{name}");
    }
}

#[tokio::test]
async fn accepted_extension_does_not_hide_risky_one() {
    let mut chain = Chain::start().await;
    let creator = chain.new_wallet().await;
    let delegate = Pubkey::new_unique();
    let extensions = [
        MintExtension::TransferFee {
            basis_points: 100,
            maximum_fee: u64::MAX,
        },
        MintExtension::PermanentDelegate(delegate),
    ];
    let mint = chain.create_token_2022_mint(DECIMALS, &extensions).await;

    let create = instructions::create_faucet(&creator.pubkey(), &mint, &TOKEN_2022, args(0, 0));
    let error = expect_failure(chain.process(&[create], &[&creator]).await);

    assert_eq!(
        error,
        faucet_error(0, FaucetError::MintHasPermanentDelegate)
    );
}

#[tokio::test]
async fn transfer_fee_mint_accepted_without_flags() {
    let mut chain = Chain::start().await;
    let creator = chain.new_wallet().await;
    let fee = MintExtension::TransferFee {
        basis_points: 50,
        maximum_fee: 1_000,
    };
    let mint = chain.create_token_2022_mint(DECIMALS, &[fee]).await;

    let create = instructions::create_faucet(&creator.pubkey(), &mint, &TOKEN_2022, args(0, 0));
    chain
        .process(&[create], &[&creator])
        .await
        .expect("a transfer fee needs no flag");
}

#[tokio::test]
async fn unknown_flag_bits_rejected() {
    let mut chain = Chain::start().await;
    let creator = chain.new_wallet().await;
    let mint = chain.create_mint(&SPL_TOKEN, DECIMALS).await;
    for (faucet_id, flags) in [(0, 1 << 5), (1, u16::MAX)] {
        let create = instructions::create_faucet(
            &creator.pubkey(),
            &mint,
            &SPL_TOKEN,
            args(faucet_id, flags),
        );
        let error = expect_failure(chain.process(&[create], &[&creator]).await);
        assert_eq!(
            error,
            faucet_error(0, FaucetError::InvalidMintExtensionFlags),
            "flags 0x{flags:x}"
        );
    }
}
