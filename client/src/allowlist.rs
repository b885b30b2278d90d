//! Allowlists: a Merkle tree over (claimer, allocation) entries, built with the program's own
//! hash functions, and the proofs that claims carry.

use std::collections::HashMap;

use solana_pubkey::Pubkey;

use faucet::merkle::{leaf_hash, node_hash};

use crate::amount::parse_amount;

/// One allowlist entry: a claimer and its lifetime allocation in base units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub claimer: Pubkey,
    pub allocation: u64,
}

/// A built allowlist: its entries and every layer of its Merkle tree.
#[derive(Clone, Debug)]
pub struct Allowlist {
    entries: Vec<Entry>,
    /// Position of each claimer in `entries`.
    positions: HashMap<Pubkey, usize>,
    /// Tree layers from the leaves (in entry order) up to the layer that contains only the root.
    layers: Vec<Vec<[u8; 32]>>,
}

impl Allowlist {
    /// Builds the tree of `entries`. Rejects an empty list and a claimer listed twice.
    pub fn new(entries: Vec<Entry>) -> Result<Self, String> {
        if entries.is_empty() {
            return Err("allowlist is empty: add at least one address,amount line".to_string());
        }
        let mut positions = HashMap::with_capacity(entries.len());
        for (index, entry) in entries.iter().enumerate() {
            if positions.insert(entry.claimer, index).is_some() {
                return Err(format!("address {} is listed twice", entry.claimer));
            }
        }

        let mut layers = vec![
            entries
                .iter()
                .map(|entry| leaf_hash(&entry.claimer, entry.allocation))
                .collect::<Vec<_>>(),
        ];
        while layers.last().is_some_and(|layer| layer.len() > 1) {
            let below = layers.last().expect("the tree has at least the leaf layer");
            // A node without a sibling moves up unchanged, so its proof simply skips that level.
            let above = below
                .chunks(2)
                .map(|pair| match pair {
                    [left, right] => node_hash(left, right),
                    [single] => *single,
                    _ => unreachable!("chunks(2) yields one or two nodes"),
                })
                .collect();
            layers.push(above);
        }
        Ok(Self {
            entries,
            positions,
            layers,
        })
    }

    /// Parses `address,amount` lines, with amounts in token units of a mint with `decimals`
    /// decimals, and builds the tree. Blank lines and a first line `address,amount` are skipped.
    pub fn from_csv(text: &str, decimals: u8) -> Result<Self, String> {
        let mut entries = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || (index == 0 && line.eq_ignore_ascii_case("address,amount")) {
                continue;
            }
            let number = index + 1;
            let (address, amount) = line
                .split_once(',')
                .ok_or_else(|| format!("line {number}: expected address,amount, found {line:?}"))?;
            let claimer: Pubkey = address
                .trim()
                .parse()
                .map_err(|_| format!("line {number}: invalid address {:?}", address.trim()))?;
            let allocation = parse_amount(amount.trim(), decimals)
                .map_err(|error| format!("line {number}: {error}"))?;
            if allocation == 0 {
                return Err(format!(
                    "line {number}: allocation of {claimer} is 0: remove the line or give an amount"
                ));
            }
            if !seen.insert(claimer) {
                return Err(format!("line {number}: address {claimer} is listed twice"));
            }
            entries.push(Entry {
                claimer,
                allocation,
            });
        }
        Self::new(entries)
    }

    /// Returns the root to store in the faucet's `ClaimGate::merkle_root`.
    pub fn root(&self) -> [u8; 32] {
        self.layers
            .last()
            .expect("the tree has at least the leaf layer")[0]
    }

    /// Returns the entries in list order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Returns `claimer`'s allocation and proof, or `None` if it is not listed.
    pub fn proof(&self, claimer: &Pubkey) -> Option<(u64, Vec<[u8; 32]>)> {
        let mut index = *self.positions.get(claimer)?;
        let allocation = self.entries[index].allocation;
        let mut proof = Vec::new();
        for layer in &self.layers[..self.layers.len() - 1] {
            let sibling = index ^ 1;
            if let Some(node) = layer.get(sibling) {
                proof.push(*node);
            }
            index /= 2;
        }
        Some((allocation, proof))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use faucet::merkle::verify;

    fn entries(count: u8) -> Vec<Entry> {
        (1..=count)
            .map(|byte| Entry {
                claimer: Pubkey::new_from_array([byte; 32]),
                allocation: u64::from(byte) * 10,
            })
            .collect()
    }

    #[test]
    fn every_proof_verifies() {
        for count in [1, 2, 3, 4, 5, 7, 8, 9, 33] {
            let list = Allowlist::new(entries(count)).unwrap();
            for entry in list.entries() {
                let (allocation, proof) = list.proof(&entry.claimer).unwrap();
                assert_eq!(allocation, entry.allocation);
                assert!(
                    verify(&list.root(), leaf_hash(&entry.claimer, allocation), &proof),
                    "{count} entries"
                );
                assert!(!verify(
                    &list.root(),
                    leaf_hash(&entry.claimer, allocation + 1),
                    &proof
                ));
            }
        }
    }

    #[test]
    fn csv_parsing() {
        let alice = Pubkey::new_from_array([1; 32]);
        let bob = Pubkey::new_from_array([2; 32]);
        let text = format!("address,amount\n{alice},10\n\n{bob}, 0.5\n");
        let list = Allowlist::from_csv(&text, 6).unwrap();
        assert_eq!(
            list.entries(),
            &[
                Entry {
                    claimer: alice,
                    allocation: 10_000_000
                },
                Entry {
                    claimer: bob,
                    allocation: 500_000
                }
            ]
        );
        assert_eq!(list.proof(&Pubkey::new_from_array([3; 32])), None);
    }

    #[test]
    fn csv_errors_name_line() {
        let alice = Pubkey::new_from_array([1; 32]);
        assert_eq!(
            Allowlist::from_csv("", 6).unwrap_err(),
            "allowlist is empty: add at least one address,amount line"
        );
        assert_eq!(
            Allowlist::from_csv("nope", 6).unwrap_err(),
            "line 1: expected address,amount, found \"nope\""
        );
        assert_eq!(
            Allowlist::from_csv("xyz,1", 6).unwrap_err(),
            "line 1: invalid address \"xyz\""
        );
        assert!(
            Allowlist::from_csv(&format!("{alice},1.0000001"), 6)
                .unwrap_err()
                .starts_with("line 1: invalid amount")
        );
        assert_eq!(
            Allowlist::from_csv(&format!("{alice},1\n{alice},2"), 6).unwrap_err(),
            format!("line 2: address {alice} is listed twice")
        );
        assert_eq!(
            Allowlist::from_csv(&format!("{alice},0"), 6).unwrap_err(),
            format!("line 1: allocation of {alice} is 0: remove the line or give an amount")
        );
    }
}
