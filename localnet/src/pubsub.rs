//! The WebSocket half of the node: the subscriptions that `@solana/web3.js`, Anchor's TypeScript
//! client and wallets use to wait for a transaction (`signatureSubscribe`), to follow program logs
//! (`logsSubscribe`, which Anchor's `addEventListener` uses) and to follow slots
//! (`slotSubscribe`). A validator serves them on the JSON-RPC port plus one, and so does
//! `faucet localnet` by default.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use solana_pubkey::Pubkey;
use solana_signature::Signature;
use solana_transaction_error::TransactionError;
use tokio::net::TcpStream;
use tokio::sync::broadcast::error::RecvError;
use tokio_tungstenite::tungstenite::Message;

use crate::methods::{INVALID_PARAMS, INVALID_REQUEST, METHOD_NOT_FOUND, PARSE_ERROR};
use crate::node::Node;

/// Event the node sends to WebSocket connections.
#[derive(Clone, Debug)]
pub(crate) enum Notice {
    /// A transaction was processed, successfully or not.
    Transaction {
        signature: Signature,
        slot: u64,
        error: Option<TransactionError>,
        logs: Vec<String>,
        accounts: Vec<Pubkey>,
    },
    /// The chain moved to a new slot.
    Slot { slot: u64 },
}

/// Notices kept for a connection that reads slower than the chain moves. A connection that
/// falls further behind skips the oldest ones, as a validator drops a slow subscriber's backlog.
pub(crate) const NOTICE_BACKLOG: usize = 1024;

/// Subscriptions a single connection may hold at once.
const MAX_SUBSCRIPTIONS: usize = 256;

enum Subscription {
    /// Ends after its one notification, as on a validator.
    Signature(Signature),
    Logs(LogsFilter),
    Slot,
}

enum LogsFilter {
    All,
    Mentions(Pubkey),
}

/// One connection's subscriptions, keyed by the id returned to the client.
#[derive(Default)]
struct Subscriptions {
    next_id: u64,
    active: HashMap<u64, Subscription>,
}

/// Serves one WebSocket connection until the client closes it.
pub(crate) async fn serve_connection(node: Arc<Node>, stream: TcpStream, peer: SocketAddr) {
    let socket = match tokio_tungstenite::accept_async(stream).await {
        Ok(socket) => socket,
        Err(error) => {
            log::debug!("WebSocket handshake with {peer} failed: {error}");
            return;
        }
    };
    let (mut sink, mut source) = socket.split();
    // Subscribe to notices before reading any request, so a transaction processed between a
    // `signatureSubscribe` and its status check still reaches this connection.
    let mut notices = node.notices();
    let mut subscriptions = Subscriptions::default();
    loop {
        let outgoing = tokio::select! {
            message = source.next() => match message {
                Some(Ok(Message::Text(text))) => {
                    handle_request(&node, &mut subscriptions, text.as_str()).await
                }
                Some(Ok(Message::Binary(_))) => vec![error_reply(
                    Value::Null,
                    INVALID_REQUEST,
                    "send JSON-RPC requests as text messages",
                )],
                Some(Ok(_)) => Vec::new(),
                Some(Err(_)) | None => break,
            },
            notice = notices.recv() => match notice {
                Ok(notice) => notifications(&mut subscriptions, &notice),
                Err(RecvError::Lagged(skipped)) => {
                    log::debug!("WebSocket client {peer} skipped {skipped} notices");
                    Vec::new()
                }
                Err(RecvError::Closed) => break,
            },
        };
        for message in outgoing {
            if sink.send(Message::text(message.to_string())).await.is_err() {
                return;
            }
        }
    }
    log::debug!("WebSocket client {peer} disconnected");
}

/// Handles one request. Returns the reply, followed by a notification when a signature the
/// client subscribes to was already processed.
async fn handle_request(node: &Node, subscriptions: &mut Subscriptions, text: &str) -> Vec<Value> {
    let request: Value = match serde_json::from_str(text) {
        Ok(request) => request,
        Err(error) => return vec![error_reply(Value::Null, PARSE_ERROR, error.to_string())],
    };
    let Some(method) = request.get("method").and_then(Value::as_str) else {
        return vec![error_reply(
            Value::Null,
            INVALID_REQUEST,
            "a request needs a \"method\"",
        )];
    };
    // A request without an id is a notification: web3.js sends `ping` this way as a heartbeat.
    let Some(id) = request.get("id").cloned() else {
        return Vec::new();
    };
    let params = request.get("params").cloned().unwrap_or(Value::Null);
    match subscribe(node, subscriptions, method, &params).await {
        Ok((result, follow_up)) => {
            let mut replies = vec![json!({ "jsonrpc": "2.0", "result": result, "id": id })];
            replies.extend(follow_up);
            replies
        }
        Err((code, message)) => vec![error_reply(id, code, message)],
    }
}

type Outcome = Result<(Value, Option<Value>), (i64, String)>;

async fn subscribe(
    node: &Node,
    subscriptions: &mut Subscriptions,
    method: &str,
    params: &Value,
) -> Outcome {
    let subscription = match method {
        "signatureSubscribe" => {
            let signature = string_param(params, 0, "signature")?
                .parse::<Signature>()
                .map_err(|error| (INVALID_PARAMS, format!("invalid signature: {error}")))?;
            Subscription::Signature(signature)
        }
        "logsSubscribe" => Subscription::Logs(logs_filter(params)?),
        "slotSubscribe" => Subscription::Slot,
        "signatureUnsubscribe" | "logsUnsubscribe" | "slotUnsubscribe" => {
            let id = params
                .get(0)
                .and_then(Value::as_u64)
                .ok_or_else(|| (INVALID_PARAMS, "expected a subscription id".to_string()))?;
            return Ok((json!(subscriptions.active.remove(&id).is_some()), None));
        }
        _ => return Err((METHOD_NOT_FOUND, "Method not found".to_string())),
    };
    if subscriptions.active.len() >= MAX_SUBSCRIPTIONS {
        return Err((
            INVALID_REQUEST,
            format!(
                "this connection holds {MAX_SUBSCRIPTIONS} subscriptions: unsubscribe before adding more"
            ),
        ));
    }
    let id = subscriptions.next_id;
    subscriptions.next_id += 1;

    if let Subscription::Signature(signature) = &subscription
        && let Some((slot, error)) = node.signature_status(signature).await
    {
        return Ok((json!(id), Some(signature_notification(id, slot, &error))));
    }
    subscriptions.active.insert(id, subscription);
    Ok((json!(id), None))
}

fn string_param<'a>(params: &'a Value, index: usize, name: &str) -> Result<&'a str, (i64, String)> {
    params.get(index).and_then(Value::as_str).ok_or_else(|| {
        (
            INVALID_PARAMS,
            format!("expected `{name}` as parameter {index}"),
        )
    })
}

/// Parses `"all"`, `"allWithVotes"` or `{"mentions": [address]}`.
fn logs_filter(params: &Value) -> Result<LogsFilter, (i64, String)> {
    let filter = params.get(0).unwrap_or(&Value::Null);
    if let Some(text) = filter.as_str() {
        return match text {
            "all" | "allWithVotes" => Ok(LogsFilter::All),
            other => Err((
                INVALID_PARAMS,
                format!(
                    "unknown logs filter {other:?}: use \"all\" or {{\"mentions\": [ADDRESS]}}"
                ),
            )),
        };
    }
    let mentions = filter
        .get("mentions")
        .and_then(Value::as_array)
        .ok_or_else(|| {
            (
                INVALID_PARAMS,
                "expected a logs filter: \"all\" or {\"mentions\": [ADDRESS]}".to_string(),
            )
        })?;
    match mentions.as_slice() {
        [Value::String(address)] => address.parse().map(LogsFilter::Mentions).map_err(|error| {
            (
                INVALID_PARAMS,
                format!("invalid address {address}: {error}"),
            )
        }),
        _ => Err((
            INVALID_PARAMS,
            "a mentions filter takes exactly one address".to_string(),
        )),
    }
}

/// Returns the notifications `notice` causes on this connection, and ends the signature
/// subscriptions it fulfils.
fn notifications(subscriptions: &mut Subscriptions, notice: &Notice) -> Vec<Value> {
    let mut out = Vec::new();
    let mut finished = Vec::new();
    for (&id, subscription) in &subscriptions.active {
        match (subscription, notice) {
            (
                Subscription::Signature(wanted),
                Notice::Transaction {
                    signature,
                    slot,
                    error,
                    ..
                },
            ) if wanted == signature => {
                out.push(signature_notification(id, *slot, error));
                finished.push(id);
            }
            (
                Subscription::Logs(filter),
                Notice::Transaction {
                    signature,
                    slot,
                    error,
                    logs,
                    accounts,
                },
            ) if filter.matches(accounts) => out.push(notification(
                "logsNotification",
                id,
                json!({
                    "context": { "slot": slot },
                    "value": { "signature": signature.to_string(), "err": error, "logs": logs },
                }),
            )),
            (Subscription::Slot, Notice::Slot { slot }) => out.push(notification(
                "slotNotification",
                id,
                json!({ "parent": slot.saturating_sub(1), "root": slot, "slot": slot }),
            )),
            _ => {}
        }
    }
    for id in finished {
        subscriptions.active.remove(&id);
    }
    out
}

impl LogsFilter {
    fn matches(&self, accounts: &[Pubkey]) -> bool {
        match self {
            Self::All => true,
            Self::Mentions(address) => accounts.contains(address),
        }
    }
}

fn signature_notification(id: u64, slot: u64, error: &Option<TransactionError>) -> Value {
    notification(
        "signatureNotification",
        id,
        json!({ "context": { "slot": slot }, "value": { "err": error } }),
    )
}

fn notification(method: &str, subscription: u64, result: Value) -> Value {
    json!({
        "jsonrpc": "2.0",
        "method": method,
        "params": { "result": result, "subscription": subscription },
    })
}

fn error_reply(id: Value, code: i64, message: impl Into<String>) -> Value {
    json!({
        "jsonrpc": "2.0",
        "error": { "code": code, "message": message.into() },
        "id": id,
    })
}
