//! `faucet`: the operator command line of the token faucet.

mod allowlist;
mod cluster;
mod demo;
mod display;
mod operator;

use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use solana_signer::Signer;

#[derive(Parser)]
#[command(name = "faucet", version, about = "Operate a Solana token faucet")]
struct Cli {
    #[command(flatten)]
    cluster: cluster::ClusterArgs,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    #[command(flatten)]
    Operator(operator::OperatorCommand),
    /// Run a local Solana JSON-RPC node with the faucet and token programs loaded.
    Localnet(LocalnetArgs),
    /// Run a faucet end to end on an in-process Solana runtime with the real token programs:
    /// create, fund, three claims, a claim rejected by the cooldown, a claim after it, and a
    /// claim rejected by the per-wallet cap.
    Demo(demo::DemoArgs),
    /// Build an allowlist's Merkle tree from a CSV of address,amount lines and print its root
    /// (for the faucet's gate) or one claimer's proof.
    Allowlist(allowlist::AllowlistArgs),
    /// Write a new keypair file (for local testing; use solana-keygen for keys of value).
    Keygen {
        /// Path of the new keypair file. An existing file is never overwritten.
        #[arg(long)]
        outfile: PathBuf,
    },
}

#[derive(Args)]
struct LocalnetArgs {
    /// TCP port to listen on, on 127.0.0.1. 0 picks a free port.
    #[arg(long, default_value_t = 8899)]
    port: u16,
    /// TCP port for WebSocket subscriptions. Defaults to `--port` plus one, where web3.js and the
    /// Solana CLI look for it; with `--port 0`, a free port.
    #[arg(long)]
    ws_port: Option<u16>,
}

fn main() -> std::process::ExitCode {
    match run(Cli::parse()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            // `{:#}` prints the whole chain of causes on one line, without a backtrace.
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Demo(args) => {
            quiet_runtime_logs();
            runtime()?.block_on(demo::run(args))
        }
        Command::Allowlist(args) => allowlist::run(args),
        Command::Keygen { outfile } => {
            let keypair = cluster::write_new_keypair(&outfile)?;
            println!(
                "Wrote keypair {} to {}",
                keypair.pubkey(),
                outfile.display()
            );
            Ok(())
        }
        Command::Localnet(args) => {
            quiet_runtime_logs();
            runtime()?.block_on(localnet(args))
        }
        Command::Operator(command) => {
            let output = cli.cluster.output;
            let read_only = command.is_read_only();
            let outcome = runtime()?.block_on(async {
                let cluster = cli.cluster.connect(read_only).await?;
                operator::run(cluster, command).await
            });
            if let (Err(error), cluster::OutputFormat::Json) = (&outcome, output) {
                println!("{}", operator::error_json(error));
            }
            outcome
        }
    }
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

async fn localnet(args: LocalnetArgs) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port)).await?;
    let address = listener.local_addr()?;
    let ws_port = args.ws_port.unwrap_or(if args.port == 0 {
        0
    } else {
        args.port.saturating_add(1)
    });
    let pubsub = tokio::net::TcpListener::bind(("127.0.0.1", ws_port))
        .await
        .with_context(|| format!("WebSocket port {ws_port} is taken: pass --ws-port"))?;
    let ws_address = pubsub.local_addr()?;
    println!("JSON-RPC URL: http://{address}");
    println!("WebSocket URL: ws://{ws_address}");
    println!("Faucet program: {}", faucet::ID);
    println!("Press Ctrl-C to stop.");
    let shutdown = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    faucet_localnet::serve(listener, pubsub, shutdown).await?;
    println!("Stopped.");
    Ok(())
}

/// Keeps the runtime's debug logging off the output unless RUST_LOG is set.
fn quiet_runtime_logs() {
    if std::env::var_os("RUST_LOG").is_none() {
        // SAFETY: called before the async runtime or any other thread starts, so no other thread
        // reads the environment concurrently.
        unsafe { std::env::set_var("RUST_LOG", "error") };
    }
}
