//! The node's state: the chain, the transactions it has processed, and the clock.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Instant;

use faucet_chain::Chain;
use solana_pubkey::Pubkey;
use solana_signature::Signature;
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction_error::TransactionError;
use tokio::sync::{Mutex, MutexGuard, broadcast};

use crate::SLOT_DURATION;
use crate::pubsub::{NOTICE_BACKLOG, Notice};

/// A processed transaction, kept for `getSignatureStatuses` and `getTransaction`.
pub(crate) struct StoredTransaction {
    pub slot: u64,
    pub block_time: i64,
    pub transaction: VersionedTransaction,
    pub error: Option<TransactionError>,
    pub logs: Vec<String>,
    pub fee: u64,
    pub pre_balances: Vec<u64>,
    pub post_balances: Vec<u64>,
    pub compute_units: u64,
    pub return_data: Option<(Pubkey, Vec<u8>)>,
}

pub(crate) struct State {
    pub chain: Chain,
    pub transactions: HashMap<Signature, StoredTransaction>,
    /// Every address a transaction has named, for `getProgramAccounts` and
    /// `getTokenAccountsByOwner`: program-test's bank has no scan by owner, and an account can
    /// only be created by a transaction that names it.
    pub known_accounts: BTreeSet<Pubkey>,
    /// Seconds added to wall time by `faucetAdvanceClock`.
    pub clock_offset: i64,
    /// Announces processed transactions and new slots to WebSocket subscribers.
    pub notices: broadcast::Sender<Notice>,
    started_at: Instant,
    started_unix: i64,
}

impl State {
    /// Returns the Unix time the `Clock` sysvar should show now.
    pub fn clock_time(&self) -> i64 {
        let elapsed = i64::try_from(self.started_at.elapsed().as_secs()).unwrap_or(i64::MAX);
        self.started_unix
            .saturating_add(elapsed)
            .saturating_add(self.clock_offset)
    }
}

/// A running node. Requests lock its state one at a time.
pub struct Node {
    state: Mutex<State>,
    notices: broadcast::Sender<Notice>,
}

impl Node {
    /// Starts the in-process chain.
    pub async fn start() -> Self {
        let mut chain = Chain::start().await;
        let started_unix = chain.unix_timestamp().await;
        let mut known_accounts = BTreeSet::new();
        known_accounts.insert(solana_signer::Signer::pubkey(&chain.payer()));
        let (notices, _) = broadcast::channel(NOTICE_BACKLOG);
        Self {
            notices: notices.clone(),
            state: Mutex::new(State {
                chain,
                transactions: HashMap::new(),
                known_accounts,
                clock_offset: 0,
                notices,
                started_at: Instant::now(),
                started_unix,
            }),
        }
    }

    pub(crate) async fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().await
    }

    /// Returns a receiver for the notices sent from now on.
    pub(crate) fn notices(&self) -> broadcast::Receiver<Notice> {
        self.notices.subscribe()
    }

    /// Returns the slot and outcome of a transaction, or `None` before the node processes it.
    pub(crate) async fn signature_status(
        &self,
        signature: &Signature,
    ) -> Option<(u64, Option<TransactionError>)> {
        let state = self.lock().await;
        let stored = state.transactions.get(signature)?;
        Some((stored.slot, stored.error.clone()))
    }
}

/// Moves the chain one slot forward every [`SLOT_DURATION`] and keeps its clock on wall time plus
/// the offset. Runs until the node stops.
pub(crate) async fn tick(node: Arc<Node>) {
    let mut interval = tokio::time::interval(SLOT_DURATION);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        let mut state = node.lock().await;
        state.chain.advance_slot().await;
        let now = state.clock_time();
        state.chain.set_unix_timestamp(now).await;
        let slot = state.chain.slot().await;
        // `send` fails only when no WebSocket connection is open, which is normal.
        let _ = state.notices.send(Notice::Slot { slot });
    }
}
