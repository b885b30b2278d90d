//! Merkle tree of an allowlist: one leaf per (claimer, allocation) entry, hashed with sha256.
//!
//! Leaves and inner nodes get distinct one-byte prefixes, so an inner node can never be passed
//! off as a leaf (a second-preimage attack). Each inner node hashes its two children in sorted
//! order, so a proof is just the list of sibling hashes from leaf to root.

use anchor_lang::prelude::Pubkey;

/// Prefix of a leaf hash.
pub const LEAF_PREFIX: u8 = 0x00;
/// Prefix of an inner node hash.
pub const NODE_PREFIX: u8 = 0x01;

/// Returns the leaf of `claimer` with a lifetime `allocation` in base units.
pub fn leaf_hash(claimer: &Pubkey, allocation: u64) -> [u8; 32] {
    solana_sha256_hasher::hashv(&[&[LEAF_PREFIX], claimer.as_ref(), &allocation.to_le_bytes()])
        .to_bytes()
}

/// Returns the parent of two nodes, whichever order they come in.
pub fn node_hash(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    solana_sha256_hasher::hashv(&[&[NODE_PREFIX], low, high]).to_bytes()
}

/// Returns whether `proof` leads from `leaf` to `root`.
pub fn verify(root: &[u8; 32], leaf: [u8; 32], proof: &[[u8; 32]]) -> bool {
    let computed = proof
        .iter()
        .fold(leaf, |node, sibling| node_hash(&node, sibling));
    computed == *root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_leaf_tree() {
        let alice = leaf_hash(&Pubkey::new_from_array([1; 32]), 100);
        let bob = leaf_hash(&Pubkey::new_from_array([2; 32]), 50);
        let root = node_hash(&alice, &bob);

        assert!(verify(&root, alice, &[bob]));
        assert!(verify(&root, bob, &[alice]));
        assert!(!verify(
            &root,
            leaf_hash(&Pubkey::new_from_array([1; 32]), 101),
            &[bob]
        ));
        assert!(!verify(&root, alice, &[]));
        assert!(!verify(&root, alice, &[bob, bob]));
    }
}
