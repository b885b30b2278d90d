//! Assembly of signed transactions from builders' instructions.

use solana_hash::Hash;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction::Transaction;

/// Signs `instructions` into one transaction whose fee payer is `payer`. `signers` are the other
/// keys the instructions need (the claimer, the authority, ...); listing the payer again is allowed.
pub fn signed_transaction(
    instructions: &[Instruction],
    payer: &Keypair,
    signers: &[&Keypair],
    recent_blockhash: Hash,
) -> Transaction {
    let mut all_signers: Vec<&Keypair> = Vec::with_capacity(signers.len() + 1);
    all_signers.push(payer);
    for signer in signers {
        if signer.pubkey() != payer.pubkey() {
            all_signers.push(signer);
        }
    }
    Transaction::new_signed_with_payer(
        instructions,
        Some(&payer.pubkey()),
        &all_signers,
        recent_blockhash,
    )
}
