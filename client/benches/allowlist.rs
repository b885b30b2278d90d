//! Times building an allowlist of 100,000 entries and producing every proof. Run with
//! `cargo bench -p faucet-client --bench allowlist`; it prints figures and asserts nothing
//! about speed.

use std::time::Instant;

use faucet_client::allowlist::{Allowlist, Entry};
use solana_pubkey::Pubkey;

const ENTRIES: usize = 100_000;

fn main() {
    let entries: Vec<Entry> = (0..ENTRIES)
        .map(|index| {
            let mut bytes = [0u8; 32];
            bytes[..8].copy_from_slice(&(index as u64).to_le_bytes());
            Entry {
                claimer: Pubkey::new_from_array(bytes),
                allocation: 1_000_000 + index as u64,
            }
        })
        .collect();

    let started = Instant::now();
    let list = Allowlist::new(entries.clone()).expect("entries are distinct");
    let built = started.elapsed();

    let started = Instant::now();
    let proof_bytes: usize = entries
        .iter()
        .take(1_000)
        .map(|entry| list.proof(&entry.claimer).expect("listed").1.len() * 32)
        .sum();
    let proofs = started.elapsed();

    println!("allowlist of {ENTRIES} entries: tree built in {built:.2?}");
    println!(
        "1,000 proofs in {proofs:.2?} ({} bytes each on average)",
        proof_bytes / 1_000
    );
}
