//! Gated and rewarded claims: co-signed task rewards, allowlist airdrops, holder-only faucets and
//! accrual mode.

use faucet::events::{AccruedWithdrawn, TokensClaimed};
use faucet_chain::Chain;
use faucet_client::allowlist::{Allowlist, Entry};
use faucet_client::instructions::{self, ClaimOptions};
use faucet_client::{
    ClaimArgs, ClaimGate, ClaimLimits, CreateFaucetArgs, FaucetError, UpdateConfigArgs,
    events::parse_events,
};
use faucet_tests::*;
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use solana_transaction_error::TransactionError;

async fn gated_faucet(token_program: Pubkey, gate: ClaimGate, funded: u64) -> TestFaucet {
    let mut chain = Chain::start().await;
    let mint = chain.create_mint(&token_program, DECIMALS).await;
    let args = CreateFaucetArgs {
        faucet_id: 0,
        drip_amount: DRIP,
        cooldown_seconds: COOLDOWN,
        limits: ClaimLimits::default(),
        allowed_mint_extensions: 0,
        gate,
    };
    setup_on_mint(chain, mint, args, funded).await
}

fn amount_options(claim_authority: Option<Pubkey>, amount: Option<u64>) -> ClaimOptions {
    ClaimOptions {
        claim_authority,
        args: ClaimArgs {
            amount,
            ..ClaimArgs::default()
        },
        ..ClaimOptions::default()
    }
}

// Co-signed claims.

#[tokio::test]
async fn cosigned_claim_pays_chosen_amount() {
    let backend = Keypair::new();
    let gate = ClaimGate {
        claim_authority: backend.pubkey(),
        ..ClaimGate::default()
    };
    let mut t = gated_faucet(SPL_TOKEN, gate, FUNDED).await;
    let claimer = t.chain.new_wallet().await;

    let options = amount_options(Some(backend.pubkey()), Some(DRIP / 4));
    let claim = instructions::claim_with(&t.keys, &claimer.pubkey(), &claimer.pubkey(), &options);
    let executed = t
        .chain
        .process_with_payer(&[claim], &claimer, &[&backend])
        .await
        .expect("co-signed claim succeeds");

    assert_eq!(
        t.chain
            .token_balance(&t.token_account_of(&claimer.pubkey()))
            .await,
        DRIP / 4
    );
    assert_eq!(
        parse_events::<TokensClaimed>(&executed.logs)[0].amount,
        DRIP / 4
    );
    assert_eq!(t.vault_balance().await, FUNDED - DRIP / 4);
}

#[tokio::test]
async fn cosigner_missing_or_wrong() {
    let backend = Keypair::new();
    let impostor = Keypair::new();
    let gate = ClaimGate {
        claim_authority: backend.pubkey(),
        ..ClaimGate::default()
    };
    let mut t = gated_faucet(TOKEN_2022, gate, FUNDED).await;
    let claimer = t.chain.new_wallet().await;
    let before = t.claim_state(&claimer.pubkey()).await;

    let unsigned = instructions::claim_with(
        &t.keys,
        &claimer.pubkey(),
        &claimer.pubkey(),
        &amount_options(None, Some(DRIP)),
    );
    let error = expect_failure(t.chain.process_with_payer(&[unsigned], &claimer, &[]).await);
    assert_eq!(error, faucet_error(0, FaucetError::ClaimAuthorityMissing));

    let wrong = instructions::claim_with(
        &t.keys,
        &claimer.pubkey(),
        &claimer.pubkey(),
        &amount_options(Some(impostor.pubkey()), Some(DRIP)),
    );
    let error = expect_failure(
        t.chain
            .process_with_payer(&[wrong], &claimer, &[&impostor])
            .await,
    );
    assert_eq!(error, faucet_error(0, FaucetError::ClaimAuthorityMissing));

    assert_eq!(t.claim_state(&claimer.pubkey()).await, before);
}

#[tokio::test]
async fn cosigned_amount_bounds() {
    let backend = Keypair::new();
    let gate = ClaimGate {
        claim_authority: backend.pubkey(),
        ..ClaimGate::default()
    };
    let mut t = gated_faucet(SPL_TOKEN, gate, FUNDED).await;
    let claimer = t.chain.new_wallet().await;

    for (name, amount) in [
        ("no amount", None),
        ("zero", Some(0)),
        ("one above drip", Some(DRIP + 1)),
    ] {
        let options = amount_options(Some(backend.pubkey()), amount);
        let claim =
            instructions::claim_with(&t.keys, &claimer.pubkey(), &claimer.pubkey(), &options);
        let error = expect_failure(
            t.chain
                .process_with_payer(&[claim], &claimer, &[&backend])
                .await,
        );
        assert_eq!(
            error,
            faucet_error(0, FaucetError::InvalidClaimAmount),
            "{name}"
        );
    }

    let options = amount_options(Some(backend.pubkey()), Some(DRIP));
    let claim = instructions::claim_with(&t.keys, &claimer.pubkey(), &claimer.pubkey(), &options);
    t.chain
        .process_with_payer(&[claim], &claimer, &[&backend])
        .await
        .expect("exactly the drip is allowed");
    assert_eq!(t.vault_balance().await, FUNDED - DRIP);
}

#[tokio::test]
async fn amount_rejected_on_plain_faucet() {
    let mut t = setup(SPL_TOKEN).await;
    let claimer = t.chain.new_wallet().await;
    let claim = instructions::claim_with(
        &t.keys,
        &claimer.pubkey(),
        &claimer.pubkey(),
        &amount_options(None, Some(1)),
    );

    let error = expect_failure(t.chain.process_with_payer(&[claim], &claimer, &[]).await);

    assert_eq!(error, faucet_error(0, FaucetError::InvalidClaimAmount));
}

#[tokio::test]
async fn cosignature_bound_to_claim() {
    let backend = Keypair::new();
    let gate = ClaimGate {
        claim_authority: backend.pubkey(),
        ..ClaimGate::default()
    };
    let mut t = gated_faucet(SPL_TOKEN, gate, FUNDED).await;
    let claimer = t.chain.new_wallet().await;
    let other = t.chain.new_wallet().await;
    let options = amount_options(Some(backend.pubkey()), Some(DRIP / 10));
    let claim = instructions::claim_with(&t.keys, &claimer.pubkey(), &claimer.pubkey(), &options);
    let blockhash = t.chain.new_blockhash().await;
    let signed =
        faucet_client::transaction::signed_transaction(&[claim], &claimer, &[&backend], blockhash);

    // Another amount or another claimer in the same signed message breaks the signatures.
    let mut more = signed.clone();
    // The data is the discriminator (8 bytes), then `amount` as Some (1 byte) and a u64.
    more.message.instructions[0].data[9..17].copy_from_slice(&DRIP.to_le_bytes());
    assert_eq!(
        expect_failure(t.chain.process_transaction(more).await),
        TransactionError::SignatureFailure
    );
    let mut redirected = signed.clone();
    let claimer_index = redirected
        .message
        .account_keys
        .iter()
        .position(|key| *key == claimer.pubkey())
        .unwrap();
    redirected.message.account_keys[claimer_index] = other.pubkey();
    assert_eq!(
        expect_failure(t.chain.process_transaction(redirected).await),
        TransactionError::SignatureFailure
    );

    t.chain
        .process_transaction(signed.clone())
        .await
        .expect("the signed claim succeeds once");
    t.chain.advance_clock(COOLDOWN).await;
    let error = expect_failure(t.chain.process_transaction(signed).await);
    assert_eq!(error, TransactionError::AlreadyProcessed);
    assert_eq!(
        t.chain
            .token_balance(&t.token_account_of(&claimer.pubkey()))
            .await,
        DRIP / 10
    );
}

// Allowlist airdrops.

async fn allowlist_faucet(entries: &[(Pubkey, u64)]) -> (TestFaucet, Allowlist) {
    let list = Allowlist::new(
        entries
            .iter()
            .map(|&(claimer, allocation)| Entry {
                claimer,
                allocation,
            })
            .collect(),
    )
    .unwrap();
    let gate = ClaimGate {
        merkle_root: list.root(),
        ..ClaimGate::default()
    };
    (gated_faucet(SPL_TOKEN, gate, FUNDED).await, list)
}

fn proof_options(allocation: u64, proof: Vec<[u8; 32]>) -> ClaimOptions {
    ClaimOptions {
        args: ClaimArgs {
            allocation: Some(allocation),
            proof,
            ..ClaimArgs::default()
        },
        ..ClaimOptions::default()
    }
}

async fn claim_listed(
    t: &mut TestFaucet,
    claimer: &Keypair,
    options: &ClaimOptions,
) -> Result<faucet_chain::Executed, faucet_chain::Failed> {
    let claim = instructions::claim_with(&t.keys, &claimer.pubkey(), &claimer.pubkey(), options);
    t.chain.process_with_payer(&[claim], claimer, &[]).await
}

#[tokio::test]
async fn allocation_caps_across_claims() {
    let alice = Keypair::new();
    let others: Vec<Pubkey> = (0..6).map(|_| Pubkey::new_unique()).collect();
    let mut entries = vec![(alice.pubkey(), 2 * DRIP + DRIP / 2)];
    entries.extend(others.iter().map(|key| (*key, DRIP)));
    let (mut t, list) = allowlist_faucet(&entries).await;
    let payer = t.chain.payer();
    t.chain
        .process(
            &[solana_system_interface::instruction::transfer(
                &payer.pubkey(),
                &alice.pubkey(),
                1_000_000_000,
            )],
            &[],
        )
        .await
        .unwrap();
    let (allocation, proof) = list.proof(&alice.pubkey()).unwrap();
    let options = proof_options(allocation, proof);

    for expected in [DRIP, DRIP, DRIP / 2] {
        let executed = claim_listed(&mut t, &alice, &options)
            .await
            .expect("claims within the allocation succeed");
        assert_eq!(
            parse_events::<TokensClaimed>(&executed.logs)[0].amount,
            expected
        );
        t.chain.advance_clock(COOLDOWN).await;
    }
    let error = expect_failure(claim_listed(&mut t, &alice, &options).await);

    assert_eq!(error, faucet_error(0, FaucetError::ClaimerCapReached));
    assert_eq!(
        t.chain
            .token_balance(&t.token_account_of(&alice.pubkey()))
            .await,
        2 * DRIP + DRIP / 2
    );
}

#[tokio::test]
async fn allowlist_misuse_rejected() {
    let alice = Keypair::new();
    let entries: Vec<(Pubkey, u64)> = vec![
        (alice.pubkey(), DRIP),
        (Pubkey::new_unique(), 3 * DRIP),
        (Pubkey::new_unique(), DRIP),
        (Pubkey::new_unique(), DRIP),
    ];
    let (mut t, list) = allowlist_faucet(&entries).await;
    let mallory = t.chain.new_wallet().await;
    let payer = t.chain.payer();
    t.chain
        .process(
            &[solana_system_interface::instruction::transfer(
                &payer.pubkey(),
                &alice.pubkey(),
                1_000_000_000,
            )],
            &[],
        )
        .await
        .unwrap();
    let (allocation, proof) = list.proof(&alice.pubkey()).unwrap();
    let (rich_allocation, rich_proof) = list.proof(&entries[1].0).unwrap();

    let cases = [
        (
            "no proof",
            &mallory,
            ClaimOptions::default(),
            FaucetError::AllowlistProofMissing,
        ),
        (
            "another wallet's proof",
            &mallory,
            proof_options(allocation, proof.clone()),
            FaucetError::InvalidAllowlistProof,
        ),
        (
            "another wallet's allocation",
            &alice,
            proof_options(rich_allocation, rich_proof),
            FaucetError::InvalidAllowlistProof,
        ),
        (
            "forged leaf",
            &alice,
            proof_options(allocation * 3, proof.clone()),
            FaucetError::InvalidAllowlistProof,
        ),
        // A proof that starts one level up requires the program to accept an inner node as alice's leaf.
        (
            "inner node as leaf",
            &alice,
            proof_options(allocation, proof[1..].to_vec()),
            FaucetError::InvalidAllowlistProof,
        ),
    ];
    for (name, claimer, options, expected) in cases {
        let error = expect_failure(claim_listed(&mut t, claimer, &options).await);
        assert_eq!(error, faucet_error(0, expected), "{name}");
    }
    assert_eq!(t.vault_balance().await, FUNDED);
}

#[tokio::test]
async fn authority_replaces_root() {
    let alice = Keypair::new();
    let bob = Keypair::new();
    let (mut t, old_list) = allowlist_faucet(&[(alice.pubkey(), DRIP), (bob.pubkey(), DRIP)]).await;
    let payer = t.chain.payer();
    t.chain
        .process(
            &[solana_system_interface::instruction::transfer(
                &payer.pubkey(),
                &alice.pubkey(),
                1_000_000_000,
            )],
            &[],
        )
        .await
        .unwrap();
    let new_list = Allowlist::new(vec![
        Entry {
            claimer: alice.pubkey(),
            allocation: 2 * DRIP,
        },
        Entry {
            claimer: bob.pubkey(),
            allocation: DRIP,
        },
    ])
    .unwrap();
    let gate = ClaimGate {
        merkle_root: new_list.root(),
        ..ClaimGate::default()
    };
    let update = instructions::update_config(
        &t.keys.faucet,
        &t.creator.pubkey(),
        UpdateConfigArgs {
            gate: Some(gate),
            ..UpdateConfigArgs::default()
        },
    );
    t.process_as_creator(&[update])
        .await
        .expect("the authority replaces the root");

    let (allocation, proof) = old_list.proof(&alice.pubkey()).unwrap();
    let error =
        expect_failure(claim_listed(&mut t, &alice, &proof_options(allocation, proof)).await);
    assert_eq!(error, faucet_error(0, FaucetError::InvalidAllowlistProof));

    let (allocation, proof) = new_list.proof(&alice.pubkey()).unwrap();
    claim_listed(&mut t, &alice, &proof_options(allocation, proof))
        .await
        .expect("the new proof is accepted");
}

// Holder-only faucets.

#[tokio::test]
async fn holder_requirement() {
    let mut chain = Chain::start().await;
    let holder_mint = chain.create_mint(&TOKEN_2022, 0).await;
    let other_mint = chain.create_mint(&SPL_TOKEN, 0).await;
    let mint = chain.create_mint(&SPL_TOKEN, DECIMALS).await;
    let gate = ClaimGate {
        holder_mint,
        holder_min_amount: 5,
        ..ClaimGate::default()
    };
    let args = CreateFaucetArgs {
        faucet_id: 0,
        drip_amount: DRIP,
        cooldown_seconds: COOLDOWN,
        limits: ClaimLimits::default(),
        allowed_mint_extensions: 0,
        gate,
    };
    let mut t = setup_on_mint(chain, mint, args, FUNDED).await;
    let claimer = t.chain.new_wallet().await;
    let neighbour = t.chain.new_wallet().await;
    let holding = t
        .chain
        .create_associated_token_account(&claimer.pubkey(), &holder_mint)
        .await;
    t.chain.mint_to(&holder_mint, &holding, 4).await;
    let neighbour_holding = t
        .chain
        .create_associated_token_account(&neighbour.pubkey(), &holder_mint)
        .await;
    t.chain.mint_to(&holder_mint, &neighbour_holding, 100).await;
    let other_holding = t
        .chain
        .create_associated_token_account(&claimer.pubkey(), &other_mint)
        .await;
    t.chain.mint_to(&other_mint, &other_holding, 100).await;

    let with_holding = |account: Option<Pubkey>| ClaimOptions {
        holder_token_account: account,
        ..ClaimOptions::default()
    };
    let cases = [
        (
            "no holder account",
            with_holding(None),
            FaucetError::HolderAccountMissing,
        ),
        (
            "another owner's account",
            with_holding(Some(neighbour_holding)),
            FaucetError::InvalidHolderAccount,
        ),
        (
            "another mint's account",
            with_holding(Some(other_holding)),
            FaucetError::InvalidHolderAccount,
        ),
        (
            "one below the minimum",
            with_holding(Some(holding)),
            FaucetError::HolderBalanceTooLow,
        ),
    ];
    for (name, options, expected) in cases {
        let claim =
            instructions::claim_with(&t.keys, &claimer.pubkey(), &claimer.pubkey(), &options);
        let error = expect_failure(t.chain.process_with_payer(&[claim], &claimer, &[]).await);
        assert_eq!(error, faucet_error(0, expected), "{name}");
    }

    t.chain.mint_to(&holder_mint, &holding, 1).await;
    let claim = instructions::claim_with(
        &t.keys,
        &claimer.pubkey(),
        &claimer.pubkey(),
        &with_holding(Some(holding)),
    );
    t.chain
        .process_with_payer(&[claim], &claimer, &[])
        .await
        .expect("holding exactly the minimum is enough");
    assert_eq!(
        t.chain
            .token_balance(&t.token_account_of(&claimer.pubkey()))
            .await,
        DRIP
    );
}

// Accrual mode.

#[tokio::test]
async fn accrual_credits_then_withdraws_at_threshold() {
    let gate = ClaimGate {
        accrual_threshold: 3 * DRIP,
        ..ClaimGate::default()
    };
    let mut t = gated_faucet(TOKEN_2022, gate, FUNDED).await;
    let claimer = t.chain.new_wallet().await;
    let withdraw = instructions::withdraw_accrued(&t.keys, &claimer.pubkey(), &claimer.pubkey());

    for round in 1..=3 {
        let executed = t.claim(&claimer).await.expect("claims credit the record");
        let event = &parse_events::<TokensClaimed>(&executed.logs)[0];
        assert!(event.credited);
        assert_eq!(t.vault_balance().await, FUNDED);
        assert_eq!(t.faucet().await.accrued_outstanding, round * DRIP);
        assert_eq!(t.faucet().await.total_claimed, round * DRIP);
        if round < 3 {
            let error = expect_failure(
                t.chain
                    .process_with_payer(std::slice::from_ref(&withdraw), &claimer, &[])
                    .await,
            );
            assert_eq!(
                error,
                faucet_error(0, FaucetError::AccruedBelowThreshold),
                "round {round}"
            );
        }
        t.chain.advance_clock(COOLDOWN).await;
    }

    let executed = t
        .chain
        .process_with_payer(std::slice::from_ref(&withdraw), &claimer, &[])
        .await
        .expect("withdrawal at the threshold succeeds");
    assert_eq!(
        t.chain
            .token_balance(&t.token_account_of(&claimer.pubkey()))
            .await,
        3 * DRIP
    );
    assert_eq!(t.vault_balance().await, FUNDED - 3 * DRIP);
    assert_eq!(t.faucet().await.accrued_outstanding, 0);
    let event = &parse_events::<AccruedWithdrawn>(&executed.logs)[0];
    assert_eq!((event.amount, event.fee), (3 * DRIP, 0));

    let error = expect_failure(t.chain.process_with_payer(&[withdraw], &claimer, &[]).await);
    assert_eq!(error, faucet_error(0, FaucetError::NothingAccrued));
}

#[tokio::test]
async fn credit_is_kept_from_authority() {
    let gate = ClaimGate {
        accrual_threshold: 100 * DRIP,
        ..ClaimGate::default()
    };
    let mut t = gated_faucet(SPL_TOKEN, gate, 2 * DRIP).await;
    let claimer = t.chain.new_wallet().await;
    t.claim(&claimer).await.expect("claim credits the record");
    let mint = t.keys.mint;
    let creator = t.creator.pubkey();
    let destination = t
        .chain
        .create_associated_token_account(&creator, &mint)
        .await;

    // The vault contains 2 drips, one owed to the claimer.
    let too_much = instructions::withdraw(&t.keys, &creator, &destination, DRIP + 1);
    assert_eq!(
        expect_failure(t.process_as_creator(&[too_much]).await),
        faucet_error(0, FaucetError::InsufficientVaultBalance)
    );
    let second = t.chain.new_wallet().await;
    t.claim(&second)
        .await
        .expect("the free drip can still be credited");
    let third = t.chain.new_wallet().await;
    assert_eq!(
        expect_failure(t.claim(&third).await),
        faucet_error(0, FaucetError::VaultBalanceTooLow)
    );

    let close = instructions::close_faucet(&t.keys, &creator, &destination);
    assert_eq!(
        expect_failure(t.process_as_creator(std::slice::from_ref(&close)).await),
        faucet_error(0, FaucetError::OutstandingAccruedCredit)
    );

    // Paused, the faucet lets claimers collect below the threshold, then it can close.
    let pause = instructions::set_paused(&t.keys.faucet, &creator, true);
    t.process_as_creator(&[pause])
        .await
        .expect("pause succeeds");
    for wallet in [&claimer, &second] {
        let withdraw = instructions::withdraw_accrued(&t.keys, &wallet.pubkey(), &wallet.pubkey());
        t.chain
            .process_with_payer(&[withdraw], wallet, &[])
            .await
            .expect("withdrawal while paused succeeds");
        assert_eq!(
            t.chain
                .token_balance(&t.token_account_of(&wallet.pubkey()))
                .await,
            DRIP
        );
    }
    t.process_as_creator(&[close])
        .await
        .expect("closing succeeds once no credit is owed");
    assert_eq!(t.chain.account(&t.keys.faucet).await, None);
}

#[tokio::test]
async fn withdraw_accrued_needs_claimer_signature() {
    let gate = ClaimGate {
        accrual_threshold: DRIP,
        ..ClaimGate::default()
    };
    let mut t = gated_faucet(SPL_TOKEN, gate, FUNDED).await;
    let claimer = t.chain.new_wallet().await;
    t.claim(&claimer).await.expect("claim credits the record");
    let thief = t.chain.new_wallet().await;
    let mut withdraw = instructions::withdraw_accrued(&t.keys, &claimer.pubkey(), &thief.pubkey());
    withdraw.accounts[0].is_signer = false;

    let error = expect_failure(t.chain.process_with_payer(&[withdraw], &thief, &[]).await);

    assert_eq!(
        error,
        anchor_error(0, anchor_lang::error::ErrorCode::AccountNotSigner)
    );
    assert_eq!(t.faucet().await.accrued_outstanding, DRIP);
}
