//! A local Solana JSON-RPC node: the in-process chain of `faucet-chain` (the faucet program, the
//! real SPL Token, Token-2022 and Associated Token Account programs) behind the standard JSON-RPC
//! API over HTTP on a loopback address, and the subscriptions clients wait on over WebSocket. It
//! serves the methods that `solana-rpc-client`, `@solana/web3.js`, `@solana/kit`, Anchor's
//! TypeScript client and wallet adapters use for the faucet's workflow. Every other method gets
//! the standard "method not found" error.
//!
//! Slots advance with wall time (one per [`SLOT_DURATION`]), and the `Clock` sysvar follows wall
//! time plus an offset that tests move with the non-standard `faucetAdvanceClock` method.

mod methods;
mod node;
mod pubsub;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

pub use node::Node;

/// Wall time between two slots, as on mainnet.
pub const SLOT_DURATION: Duration = Duration::from_millis(400);

/// Largest request body accepted, in bytes.
const MAX_BODY_BYTES: usize = 1 << 20;

/// Starts the chain and serves JSON-RPC over HTTP on `listener` and subscriptions over WebSocket
/// on `pubsub` until `shutdown` completes. Must run on a current-thread runtime, like the chain
/// itself.
pub async fn serve(
    listener: TcpListener,
    pubsub: TcpListener,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    let node = Arc::new(Node::start().await);
    let ticker = tokio::spawn(node::tick(node.clone()));

    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => accepted?,
            accepted = pubsub.accept() => {
                let (stream, peer) = accepted?;
                tokio::spawn(pubsub::serve_connection(node.clone(), stream, peer));
                continue;
            }
            () = &mut shutdown => break,
        };
        let node = node.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| handle_http(node.clone(), peer, request));
            if let Err(error) = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                log::debug!("connection from {peer} ended with an error: {error}");
            }
        });
    }
    ticker.abort();
    Ok(())
}

/// Handles one HTTP request. `POST` carries JSON-RPC, `OPTIONS` is a CORS preflight from a
/// browser page, and `GET /health` mirrors a validator's health endpoint.
async fn handle_http(
    node: Arc<Node>,
    peer: SocketAddr,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let response = match (request.method(), request.uri().path()) {
        (&Method::OPTIONS, _) => reply(StatusCode::NO_CONTENT, Bytes::new()),
        (&Method::GET, "/health") => reply(StatusCode::OK, Bytes::from_static(b"ok")),
        (&Method::POST, _) => match read_body(request).await {
            Ok(body) => {
                let answer = methods::handle_body(&node, &body).await;
                reply(StatusCode::OK, Bytes::from(answer))
            }
            Err(message) => {
                log::debug!("rejected request from {peer}: {message}");
                reply(StatusCode::PAYLOAD_TOO_LARGE, Bytes::from(message))
            }
        },
        _ => reply(
            StatusCode::METHOD_NOT_ALLOWED,
            Bytes::from_static(b"use POST with a JSON-RPC body"),
        ),
    };
    Ok(response)
}

async fn read_body(request: Request<Incoming>) -> Result<Bytes, String> {
    let limited = http_body_util::Limited::new(request.into_body(), MAX_BODY_BYTES);
    limited
        .collect()
        .await
        .map(|collected| collected.to_bytes())
        .map_err(|error| format!("request body rejected: {error}"))
}

fn reply(status: StatusCode, body: Bytes) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("access-control-allow-origin", "*")
        .header("access-control-allow-methods", "POST, GET, OPTIONS")
        .header(
            "access-control-allow-headers",
            "content-type, solana-client",
        )
        .body(Full::new(body))
        .expect("static headers are valid")
}
