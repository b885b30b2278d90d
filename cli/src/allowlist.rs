//! `faucet allowlist`: builds an allowlist's Merkle tree from a CSV file and prints its root, or
//! one claimer's allocation and proof.

use anyhow::{Context, bail};
use clap::Args;
use faucet_client::allowlist::Allowlist;
use solana_pubkey::Pubkey;

#[derive(Args)]
pub struct AllowlistArgs {
    /// CSV file of `address,amount` lines, amounts in token units (a first line
    /// `address,amount` is skipped).
    file: std::path::PathBuf,

    /// Decimals of the faucet's mint, to turn token units into base units.
    #[arg(long)]
    decimals: u8,

    /// Print this claimer's allocation (base units) and proof instead of the root.
    #[arg(long, value_name = "ADDRESS")]
    proof: Option<Pubkey>,
}

fn hex(bytes: &[u8; 32]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

pub fn run(args: AllowlistArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("failed to read {}", args.file.display()))?;
    let list = Allowlist::from_csv(&text, args.decimals)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("invalid allowlist {}", args.file.display()))?;

    match args.proof {
        None => {
            println!("entries: {}", list.entries().len());
            println!("root: {}", hex(&list.root()));
        }
        Some(claimer) => {
            let Some((allocation, proof)) = list.proof(&claimer) else {
                bail!("{claimer} is not in {}", args.file.display());
            };
            println!("claimer: {claimer}");
            println!("allocation (base units): {allocation}");
            for node in &proof {
                println!("proof: {}", hex(node));
            }
        }
    }
    Ok(())
}
