//! Property tests: random sequences of instructions, valid and invalid, with random signers and
//! random clock jumps, on three faucets. The faucets are SPL Token with caps and a budget,
//! Token-2022 with a transfer fee and an amount cap, and SPL Token in accrual mode. After every
//! step the invariants in `check_invariants` must hold.
//!
//! The sequences use every instruction that acts on a live faucet: claim, withdraw_accrued, fund,
//! withdraw, update_config, set_paused and the authority hand-over. create_faucet runs in the
//! setup; close_faucet and close_claim_record, which end a faucet's life, have example tests.
//!
//! CI runs a short search. A longer one, for a few minutes:
//! `PROPTEST_CASES=300 cargo test --release -p faucet-tests --test faucet properties`.
//! proptest writes a failing case's seed under `tests/suite/proptest-regressions/`: commit that
//! file so the case is replayed first on every later run. `FAUCET_PROPERTY_STATS=1` prints how
//! many transactions of each sequence succeeded and why the others failed.

use std::collections::HashMap;

use faucet::events::{AccruedWithdrawn, FaucetFunded, TokensClaimed, TokensWithdrawn};
use faucet_chain::{Chain, Executed, Failed, MintExtension};
use faucet_client::{
    ClaimGate, ClaimLimits, CreateFaucetArgs, Faucet, FaucetKeys, UpdateConfigArgs,
    events::parse_events, instructions,
};
use faucet_tests::*;
use proptest::prelude::*;
use solana_account::Account;
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_signer::Signer;
use solana_transaction_error::TransactionError;

const WALLETS: usize = 4;
const FAUCETS: usize = 3;
/// Base units minted to the authority for each mint, the whole supply.
const SUPPLY: u64 = 1_000 * DRIP;
/// Base units the authority puts in each vault with `fund` before the sequence starts.
const INITIAL_FUNDING: u64 = 30 * DRIP;
/// Fee per signature in the in-process bank, in lamports.
const LAMPORTS_PER_SIGNATURE: u64 = 5_000;
const MAX_CLAIMS: u64 = 5;
const MAX_AMOUNT: u64 = 2 * DRIP + DRIP / 2;

#[derive(Clone, Copy, Debug)]
enum Actor {
    Authority,
    Stranger,
}

#[derive(Clone, Debug)]
enum Op {
    Claim {
        faucet: usize,
        wallet: usize,
        sponsored: bool,
    },
    ClaimTwiceInOneTransaction {
        faucet: usize,
        wallet: usize,
    },
    WithdrawAccrued {
        faucet: usize,
        wallet: usize,
    },
    Fund {
        faucet: usize,
        amount: u64,
    },
    Withdraw {
        faucet: usize,
        amount: u64,
        actor: Actor,
    },
    UpdateDrip {
        faucet: usize,
        drip: u64,
        actor: Actor,
    },
    UpdateCooldown {
        faucet: usize,
        cooldown: i64,
        actor: Actor,
    },
    SetPaused {
        faucet: usize,
        paused: bool,
        actor: Actor,
    },
    /// `actor` proposes `to` as the authority; the hand-over ops change who may run admin ops.
    ProposeAuthority {
        faucet: usize,
        to: Actor,
        actor: Actor,
    },
    AcceptAuthority {
        faucet: usize,
        actor: Actor,
    },
    CancelAuthorityTransfer {
        faucet: usize,
        actor: Actor,
    },
    AdvanceClock {
        seconds: i64,
    },
    /// Sets the clock to `offset` seconds from the end of `wallet`'s cooldown at `faucet`, where
    /// off-by-one mistakes would show, then claims.
    ClaimAtCooldownEnd {
        faucet: usize,
        wallet: usize,
        offset: i64,
    },
}

fn actor() -> impl Strategy<Value = Actor> {
    prop_oneof![3 => Just(Actor::Authority), 1 => Just(Actor::Stranger)]
}

fn op() -> impl Strategy<Value = Op> {
    let faucet = 0..FAUCETS;
    let wallet = 0..WALLETS;
    prop_oneof![
        6 => (faucet.clone(), wallet.clone(), any::<bool>())
            .prop_map(|(faucet, wallet, sponsored)| Op::Claim { faucet, wallet, sponsored }),
        1 => (faucet.clone(), wallet.clone())
            .prop_map(|(faucet, wallet)| Op::ClaimTwiceInOneTransaction { faucet, wallet }),
        1 => (faucet.clone(), wallet).prop_map(|(faucet, wallet)| Op::WithdrawAccrued { faucet, wallet }),
        1 => (faucet.clone(), 0..=3 * DRIP).prop_map(|(faucet, amount)| Op::Fund { faucet, amount }),
        1 => (faucet.clone(), 0..=40 * DRIP, actor())
            .prop_map(|(faucet, amount, actor)| Op::Withdraw { faucet, amount, actor }),
        1 => (faucet.clone(), 0..=2 * DRIP, actor())
            .prop_map(|(faucet, drip, actor)| Op::UpdateDrip { faucet, drip, actor }),
        1 => (faucet.clone(), -5i64..=400, actor())
            .prop_map(|(faucet, cooldown, actor)| Op::UpdateCooldown { faucet, cooldown, actor }),
        1 => (faucet, any::<bool>(), actor())
            .prop_map(|(faucet, paused, actor)| Op::SetPaused { faucet, paused, actor }),
        1 => (0..FAUCETS, actor(), actor())
            .prop_map(|(faucet, to, actor)| Op::ProposeAuthority { faucet, to, actor }),
        1 => (0..FAUCETS, actor()).prop_map(|(faucet, actor)| Op::AcceptAuthority { faucet, actor }),
        1 => (0..FAUCETS, actor()).prop_map(|(faucet, actor)| Op::CancelAuthorityTransfer { faucet, actor }),
        3 => (-30i64..=400).prop_map(|seconds| Op::AdvanceClock { seconds }),
        2 => (0..FAUCETS, 0..WALLETS, -2i64..=1)
            .prop_map(|(faucet, wallet, offset)| Op::ClaimAtCooldownEnd { faucet, wallet, offset }),
    ]
}

/// Totals of one faucet, summed from the events of successful transactions.
#[derive(Default)]
struct Ledger {
    /// Base units that reached the vault through `fund`, fees deducted.
    funded: u64,
    /// Base units that left the vault to claimers.
    paid_out: u64,
    /// Base units that left the vault through `withdraw`.
    withdrawn: u64,
    /// Transfer fees reported by events.
    fees: u64,
    /// Sum and count of `TokensClaimed` amounts.
    claimed: u64,
    claims: u64,
    /// Time of each wallet's last successful claim.
    last_claim: HashMap<usize, i64>,
}

struct World {
    chain: Chain,
    authority: Keypair,
    stranger: Keypair,
    sponsor: Keypair,
    wallets: Vec<Keypair>,
    keys: Vec<FaucetKeys>,
    /// The authority's token account of each faucet's mint (funding source, withdrawal target).
    treasury: Vec<Pubkey>,
    ledgers: Vec<Ledger>,
}

impl World {
    async fn new() -> Self {
        let mut chain = Chain::start().await;
        let authority = chain.new_wallet().await;
        let stranger = chain.new_wallet().await;
        let sponsor = chain.new_wallet().await;
        let mut wallets = Vec::with_capacity(WALLETS);
        for _ in 0..WALLETS {
            wallets.push(chain.new_wallet().await);
        }

        let fee = MintExtension::TransferFee {
            basis_points: 100,
            maximum_fee: DRIP / 20,
        };
        let mints = [
            chain.create_mint(&SPL_TOKEN, DECIMALS).await,
            chain.create_token_2022_mint(DECIMALS, &[fee]).await,
            chain.create_mint(&SPL_TOKEN, DECIMALS).await,
        ];
        let configs = [
            (
                ClaimLimits {
                    max_claims_per_claimer: MAX_CLAIMS,
                    budget_capacity: 5 * DRIP,
                    budget_refill_amount: 5 * DRIP,
                    budget_refill_period_seconds: 300,
                    ..ClaimLimits::default()
                },
                ClaimGate::default(),
            ),
            (
                ClaimLimits {
                    max_amount_per_claimer: MAX_AMOUNT,
                    ..ClaimLimits::default()
                },
                ClaimGate::default(),
            ),
            (
                ClaimLimits::default(),
                ClaimGate {
                    accrual_threshold: 2 * DRIP,
                    ..ClaimGate::default()
                },
            ),
        ];

        let mut keys = Vec::with_capacity(FAUCETS);
        let mut treasury = Vec::with_capacity(FAUCETS);
        let mut ledgers = Vec::with_capacity(FAUCETS);
        for (mint, (limits, gate)) in mints.iter().zip(configs) {
            let token_program = chain.owner(mint).await;
            let args = CreateFaucetArgs {
                faucet_id: 0,
                drip_amount: DRIP,
                cooldown_seconds: COOLDOWN,
                limits,
                allowed_mint_extensions: 0,
                gate,
            };
            let create =
                instructions::create_faucet(&authority.pubkey(), mint, &token_program, args);
            chain
                .process(&[create], &[&authority])
                .await
                .expect("faucet creation succeeds");
            let faucet_keys = FaucetKeys::derive(mint, &authority.pubkey(), 0, &token_program);
            let source = chain
                .create_associated_token_account(&authority.pubkey(), mint)
                .await;
            chain.mint_to(mint, &source, SUPPLY).await;
            let fund =
                instructions::fund(&faucet_keys, &authority.pubkey(), &source, INITIAL_FUNDING);
            let executed = chain
                .process(&[fund], &[&authority])
                .await
                .expect("initial funding succeeds");
            let mut ledger = Ledger::default();
            for event in parse_events::<FaucetFunded>(&executed.logs) {
                ledger.funded += event.amount - event.fee;
                ledger.fees += event.fee;
            }
            keys.push(faucet_keys);
            treasury.push(source);
            ledgers.push(ledger);
        }

        Self {
            chain,
            authority,
            stranger,
            sponsor,
            wallets,
            keys,
            treasury,
            ledgers,
        }
    }

    fn signer(&self, actor: Actor) -> Keypair {
        match actor {
            Actor::Authority => self.authority.insecure_clone(),
            Actor::Stranger => self.stranger.insecure_clone(),
        }
    }

    fn token_account(&self, faucet: usize, wallet: &Pubkey) -> Pubkey {
        let keys = &self.keys[faucet];
        faucet_client::pda::associated_token_address(wallet, &keys.mint, &keys.token_program)
    }

    /// Returns every account the program can write, for "a failed instruction changes nothing".
    fn program_accounts(&self) -> Vec<Pubkey> {
        let mut addresses = Vec::new();
        for (faucet, keys) in self.keys.iter().enumerate() {
            addresses.extend([keys.faucet, keys.vault, self.treasury[faucet]]);
            for wallet in &self.wallets {
                addresses.push(
                    faucet_client::pda::claim_record_address(&keys.faucet, &wallet.pubkey()).0,
                );
                addresses.push(self.token_account(faucet, &wallet.pubkey()));
            }
        }
        addresses
    }

    /// Returns every account whose lamports can change, for "no lamports appear or vanish".
    fn lamport_accounts(&self) -> Vec<Pubkey> {
        let mut addresses = self.program_accounts();
        addresses.extend([
            self.chain.payer().pubkey(),
            self.authority.pubkey(),
            self.stranger.pubkey(),
            self.sponsor.pubkey(),
        ]);
        addresses.extend(self.wallets.iter().map(Keypair::pubkey));
        addresses
    }

    async fn snapshot(&mut self, addresses: &[Pubkey]) -> Vec<Option<Account>> {
        let mut accounts = Vec::with_capacity(addresses.len());
        for address in addresses {
            accounts.push(self.chain.account(address).await);
        }
        accounts
    }

    async fn total_lamports(&mut self) -> u64 {
        let mut total = 0;
        for address in self.lamport_accounts() {
            total += self.chain.lamports(&address).await;
        }
        total
    }

    async fn faucet(&mut self, faucet: usize) -> Faucet {
        let address = self.keys[faucet].faucet;
        self.chain
            .faucet(&address)
            .await
            .expect("faucets are never closed here")
    }

    /// Runs `op` and returns its outcome (`None` for a clock move) and its signature count.
    async fn apply(&mut self, op: &Op) -> Option<(Result<Executed, Failed>, u64)> {
        match *op {
            Op::Claim {
                faucet,
                wallet,
                sponsored,
            } => {
                let claimer = self.wallets[wallet].insecure_clone();
                let payer = if sponsored {
                    self.sponsor.insecure_clone()
                } else {
                    claimer.insecure_clone()
                };
                let claim =
                    instructions::claim(&self.keys[faucet], &claimer.pubkey(), &payer.pubkey());
                let signatures = if sponsored { 2 } else { 1 };
                Some((
                    self.chain
                        .process_with_payer(&[claim], &payer, &[&claimer])
                        .await,
                    signatures,
                ))
            }
            Op::ClaimTwiceInOneTransaction { faucet, wallet } => {
                let claimer = self.wallets[wallet].insecure_clone();
                let claim =
                    instructions::claim(&self.keys[faucet], &claimer.pubkey(), &claimer.pubkey());
                Some((
                    self.chain
                        .process_with_payer(&[claim.clone(), claim], &claimer, &[])
                        .await,
                    1,
                ))
            }
            Op::WithdrawAccrued { faucet, wallet } => {
                let claimer = self.wallets[wallet].insecure_clone();
                let withdraw = instructions::withdraw_accrued(
                    &self.keys[faucet],
                    &claimer.pubkey(),
                    &claimer.pubkey(),
                );
                Some((
                    self.chain
                        .process_with_payer(&[withdraw], &claimer, &[])
                        .await,
                    1,
                ))
            }
            Op::Fund { faucet, amount } => {
                let authority = self.authority.insecure_clone();
                let fund = instructions::fund(
                    &self.keys[faucet],
                    &authority.pubkey(),
                    &self.treasury[faucet],
                    amount,
                );
                Some((
                    self.chain
                        .process_with_payer(&[fund], &authority, &[])
                        .await,
                    1,
                ))
            }
            Op::Withdraw {
                faucet,
                amount,
                actor,
            } => {
                let signer = self.signer(actor);
                let withdraw = instructions::withdraw(
                    &self.keys[faucet],
                    &signer.pubkey(),
                    &self.treasury[faucet],
                    amount,
                );
                Some((
                    self.chain
                        .process_with_payer(&[withdraw], &signer, &[])
                        .await,
                    1,
                ))
            }
            Op::UpdateDrip {
                faucet,
                drip,
                actor,
            } => {
                let signer = self.signer(actor);
                let args = UpdateConfigArgs {
                    drip_amount: Some(drip),
                    ..UpdateConfigArgs::default()
                };
                let update =
                    instructions::update_config(&self.keys[faucet].faucet, &signer.pubkey(), args);
                Some((
                    self.chain.process_with_payer(&[update], &signer, &[]).await,
                    1,
                ))
            }
            Op::UpdateCooldown {
                faucet,
                cooldown,
                actor,
            } => {
                let signer = self.signer(actor);
                let args = UpdateConfigArgs {
                    cooldown_seconds: Some(cooldown),
                    ..UpdateConfigArgs::default()
                };
                let update =
                    instructions::update_config(&self.keys[faucet].faucet, &signer.pubkey(), args);
                Some((
                    self.chain.process_with_payer(&[update], &signer, &[]).await,
                    1,
                ))
            }
            Op::SetPaused {
                faucet,
                paused,
                actor,
            } => {
                let signer = self.signer(actor);
                let pause =
                    instructions::set_paused(&self.keys[faucet].faucet, &signer.pubkey(), paused);
                Some((
                    self.chain.process_with_payer(&[pause], &signer, &[]).await,
                    1,
                ))
            }
            Op::ProposeAuthority { faucet, to, actor } => {
                let signer = self.signer(actor);
                let to = self.signer(to).pubkey();
                let propose = instructions::propose_authority(
                    &self.keys[faucet].faucet,
                    &signer.pubkey(),
                    &to,
                );
                Some((
                    self.chain
                        .process_with_payer(&[propose], &signer, &[])
                        .await,
                    1,
                ))
            }
            Op::AcceptAuthority { faucet, actor } => {
                let signer = self.signer(actor);
                let accept =
                    instructions::accept_authority(&self.keys[faucet].faucet, &signer.pubkey());
                Some((
                    self.chain.process_with_payer(&[accept], &signer, &[]).await,
                    1,
                ))
            }
            Op::CancelAuthorityTransfer { faucet, actor } => {
                let signer = self.signer(actor);
                let cancel = instructions::cancel_authority_transfer(
                    &self.keys[faucet].faucet,
                    &signer.pubkey(),
                );
                Some((
                    self.chain.process_with_payer(&[cancel], &signer, &[]).await,
                    1,
                ))
            }
            Op::AdvanceClock { seconds } => {
                self.chain.advance_clock(seconds).await;
                None
            }
            Op::ClaimAtCooldownEnd {
                faucet,
                wallet,
                offset,
            } => {
                let faucet_address = self.keys[faucet].faucet;
                let address = faucet_client::pda::claim_record_address(
                    &faucet_address,
                    &self.wallets[wallet].pubkey(),
                )
                .0;
                if let Some(record) = self.chain.claim_record(&address).await {
                    let cooldown = self.faucet(faucet).await.cooldown_seconds;
                    self.chain
                        .set_unix_timestamp(record.last_claim_at + cooldown + offset)
                        .await;
                }
                let claimer = self.wallets[wallet].insecure_clone();
                let claim =
                    instructions::claim(&self.keys[faucet], &claimer.pubkey(), &claimer.pubkey());
                Some((
                    self.chain.process_with_payer(&[claim], &claimer, &[]).await,
                    1,
                ))
            }
        }
    }

    /// Folds a successful transaction's events into the ledger of `faucet`, checking on the way
    /// that no claim landed inside its cooldown.
    fn record_events(&mut self, faucet: usize, cooldown: i64, executed: &Executed) {
        let claimer_index: HashMap<Pubkey, usize> = self
            .wallets
            .iter()
            .enumerate()
            .map(|(index, wallet)| (wallet.pubkey(), index))
            .collect();
        let ledger = &mut self.ledgers[faucet];
        for event in parse_events::<TokensClaimed>(&executed.logs) {
            let wallet = claimer_index[&event.claimer];
            if let Some(last) = ledger.last_claim.get(&wallet) {
                assert!(
                    event.timestamp >= last + cooldown,
                    "claim at {} inside the cooldown after {last}",
                    event.timestamp
                );
            }
            ledger.last_claim.insert(wallet, event.timestamp);
            ledger.claimed += event.amount;
            ledger.claims += 1;
            ledger.fees += event.fee;
            if !event.credited {
                ledger.paid_out += event.amount;
            }
        }
        for event in parse_events::<AccruedWithdrawn>(&executed.logs) {
            ledger.paid_out += event.amount;
            ledger.fees += event.fee;
        }
        for event in parse_events::<FaucetFunded>(&executed.logs) {
            ledger.funded += event.amount - event.fee;
            ledger.fees += event.fee;
        }
        for event in parse_events::<TokensWithdrawn>(&executed.logs) {
            ledger.withdrawn += event.amount;
            ledger.fees += event.fee;
        }
    }

    async fn check_invariants(&mut self) {
        for faucet in 0..FAUCETS {
            let state = self.faucet(faucet).await;
            let vault = self.keys[faucet].vault;
            let vault_balance = self.chain.token_balance(&vault).await;
            let ledger = &self.ledgers[faucet];
            assert_eq!(
                vault_balance,
                ledger.funded - ledger.paid_out - ledger.withdrawn,
                "faucet {faucet}: vault = funded - paid out - withdrawn"
            );
            assert_eq!(
                state.total_claimed, ledger.claimed,
                "faucet {faucet}: total_claimed = sum of TokensClaimed"
            );
            assert_eq!(
                state.claim_count, ledger.claims,
                "faucet {faucet}: claim_count = number of TokensClaimed"
            );

            let (mut records, mut claimed, mut claims, mut accrued) = (0, 0, 0, 0);
            for wallet in 0..WALLETS {
                let address = faucet_client::pda::claim_record_address(
                    &self.keys[faucet].faucet,
                    &self.wallets[wallet].pubkey(),
                )
                .0;
                let Some(record) = self.chain.claim_record(&address).await else {
                    continue;
                };
                records += 1;
                claimed += record.total_claimed;
                claims += record.claim_count;
                accrued += record.accrued;
                if state.limits.max_claims_per_claimer > 0 {
                    assert!(
                        record.claim_count <= state.limits.max_claims_per_claimer,
                        "faucet {faucet}: claim cap"
                    );
                }
                if state.limits.max_amount_per_claimer > 0 {
                    assert!(
                        record.total_claimed <= state.limits.max_amount_per_claimer,
                        "faucet {faucet}: amount cap"
                    );
                }
            }
            assert_eq!(
                state.claimer_count, records,
                "faucet {faucet}: claimer_count = records"
            );
            assert_eq!(
                state.total_claimed, claimed,
                "faucet {faucet}: total_claimed = sum of records"
            );
            assert_eq!(
                state.claim_count, claims,
                "faucet {faucet}: claim_count = sum of records"
            );
            assert_eq!(
                state.accrued_outstanding, accrued,
                "faucet {faucet}: outstanding credit = sum of records"
            );
            assert!(
                vault_balance >= state.accrued_outstanding,
                "faucet {faucet}: credit is covered"
            );
            assert!(
                state.budget_level <= state.limits.budget_full_level(),
                "faucet {faucet}: budget within capacity"
            );

            // Tokens: every base unit of the supply sits in a known account or was taken as a fee.
            let mut known_balances = self.chain.token_balance(&vault).await
                + self.chain.token_balance(&self.treasury[faucet]).await;
            for wallet in 0..WALLETS {
                let account = self.token_account(faucet, &self.wallets[wallet].pubkey());
                known_balances += self.chain.token_balance(&account).await;
            }
            assert_eq!(
                known_balances + self.ledgers[faucet].fees,
                SUPPLY,
                "faucet {faucet}: token supply conserved"
            );
        }
    }
}

async fn run(ops: Vec<Op>) {
    let mut world = World::new().await;
    let mut succeeded = 0;
    world.check_invariants().await;
    let watched = world.program_accounts();

    for op in &ops {
        let faucet = match *op {
            Op::Claim { faucet, .. }
            | Op::ClaimTwiceInOneTransaction { faucet, .. }
            | Op::WithdrawAccrued { faucet, .. }
            | Op::Fund { faucet, .. }
            | Op::Withdraw { faucet, .. }
            | Op::UpdateDrip { faucet, .. }
            | Op::UpdateCooldown { faucet, .. }
            | Op::SetPaused { faucet, .. }
            | Op::ProposeAuthority { faucet, .. }
            | Op::AcceptAuthority { faucet, .. }
            | Op::CancelAuthorityTransfer { faucet, .. } => faucet,
            Op::AdvanceClock { .. } => 0,
            Op::ClaimAtCooldownEnd { faucet, .. } => faucet,
        };
        let cooldown = world.faucet(faucet).await.cooldown_seconds;
        let before = world.snapshot(&watched).await;
        let lamports_before = world.total_lamports().await;

        let Some((outcome, signatures)) = world.apply(op).await else {
            world.check_invariants().await;
            continue;
        };

        let charged = match &outcome {
            Ok(executed) => {
                succeeded += 1;
                world.record_events(faucet, cooldown, executed);
                signatures * LAMPORTS_PER_SIGNATURE
            }
            Err(failed) => {
                if std::env::var_os("FAUCET_PROPERTY_STATS").is_some() {
                    eprintln!("{op:?} failed: {:?}", failed.error);
                }
                assert_eq!(
                    world.snapshot(&watched).await,
                    before,
                    "{op:?} failed with {:?} but changed an account",
                    failed.error
                );
                // A transaction that fails inside an instruction still pays its fee.
                let executed = matches!(failed.error, TransactionError::InstructionError(..));
                if executed {
                    signatures * LAMPORTS_PER_SIGNATURE
                } else {
                    0
                }
            }
        };
        assert_eq!(
            world.total_lamports().await,
            lamports_before - charged,
            "{op:?}: lamports appeared or vanished"
        );
        world.check_invariants().await;
    }
    if std::env::var_os("FAUCET_PROPERTY_STATS").is_some() {
        let claims: u64 = world.ledgers.iter().map(|ledger| ledger.claims).sum();
        eprintln!(
            "{} ops, {succeeded} transactions succeeded, {claims} claims",
            ops.len()
        );
    }
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(10);
    ProptestConfig {
        cases,
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn invariants_hold(ops in proptest::collection::vec(op(), 1..40)) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime starts");
        runtime.block_on(run(ops));
    }
}

/// A fixed sequence around one wallet's cooldown edge, replayed on every run.
#[test]
fn cooldown_edge_sequence() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime starts");
    runtime.block_on(run(vec![
        Op::Claim {
            faucet: 1,
            wallet: 0,
            sponsored: false,
        },
        Op::ClaimAtCooldownEnd {
            faucet: 1,
            wallet: 0,
            offset: -1,
        },
        Op::ClaimAtCooldownEnd {
            faucet: 1,
            wallet: 0,
            offset: 0,
        },
        Op::ClaimAtCooldownEnd {
            faucet: 1,
            wallet: 0,
            offset: 0,
        },
        Op::AdvanceClock { seconds: -30 },
        Op::Claim {
            faucet: 1,
            wallet: 0,
            sponsored: true,
        },
    ]));
}
