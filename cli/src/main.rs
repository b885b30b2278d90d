//! `faucet`: the operator command line of the token faucet.

mod allowlist;
mod demo;
mod display;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "faucet", version, about = "Operate a Solana token faucet")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a faucet end to end on an in-process Solana runtime with the real token programs:
    /// create, fund, three claims, a claim rejected by the cooldown, and a claim after it.
    Demo(demo::DemoArgs),
    /// Build an allowlist's Merkle tree from a CSV of address,amount lines and print its root
    /// (for the faucet's gate) or one claimer's proof.
    Allowlist(allowlist::AllowlistArgs),
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
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(demo::run(args))
        }
        Command::Allowlist(args) => allowlist::run(args),
    }
}

/// Keeps the runtime's debug logging off the demo's output unless RUST_LOG is set.
fn quiet_runtime_logs() {
    if std::env::var_os("RUST_LOG").is_none() {
        // SAFETY: called before the async runtime or any other thread starts, so no other thread
        // reads the environment concurrently.
        unsafe { std::env::set_var("RUST_LOG", "error") };
    }
}
