//! Async helpers that read faucet accounts from a cluster and send transactions over JSON-RPC.
//! Enabled by the `rpc` cargo feature.

use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_signature::Signature;

use faucet::state::{ClaimRecord, Faucet};

use crate::accounts::{DecodeError, decode_claim_record, decode_faucet};
use crate::pda::claim_record_address;
use crate::transaction::signed_transaction;

/// Failure of an RPC helper.
#[derive(Debug)]
pub enum RpcError {
    /// The request failed or the cluster rejected the transaction.
    Client(Box<solana_rpc_client::api::client_error::Error>),
    /// The account exists but does not hold the expected type.
    Decode(DecodeError),
    /// No account exists at this address.
    AccountNotFound(Pubkey),
}

impl std::fmt::Display for RpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RpcError::Client(error) => write!(f, "RPC request failed: {error}"),
            RpcError::Decode(error) => error.fmt(f),
            RpcError::AccountNotFound(address) => write!(f, "account {address} not found"),
        }
    }
}

impl std::error::Error for RpcError {}

impl From<solana_rpc_client::api::client_error::Error> for RpcError {
    fn from(error: solana_rpc_client::api::client_error::Error) -> Self {
        RpcError::Client(Box::new(error))
    }
}

async fn account_data(rpc: &RpcClient, address: &Pubkey) -> Result<Option<Vec<u8>>, RpcError> {
    let response = rpc
        .get_account_with_commitment(address, rpc.commitment())
        .await?;
    Ok(response.value.map(|account| account.data))
}

/// Fetches and decodes the faucet at `address`.
pub async fn fetch_faucet(rpc: &RpcClient, address: &Pubkey) -> Result<Faucet, RpcError> {
    let data = account_data(rpc, address)
        .await?
        .ok_or(RpcError::AccountNotFound(*address))?;
    decode_faucet(&data).map_err(RpcError::Decode)
}

/// Fetches `claimer`'s record at `faucet`, or `None` before its first claim.
pub async fn fetch_claim_record(
    rpc: &RpcClient,
    faucet: &Pubkey,
    claimer: &Pubkey,
) -> Result<Option<ClaimRecord>, RpcError> {
    let address = claim_record_address(faucet, claimer).0;
    match account_data(rpc, &address).await? {
        Some(data) => decode_claim_record(&data)
            .map(Some)
            .map_err(RpcError::Decode),
        None => Ok(None),
    }
}

/// Signs `instructions` with a recent blockhash, sends them and waits for confirmation.
pub async fn send_instructions(
    rpc: &RpcClient,
    instructions: &[Instruction],
    payer: &Keypair,
    signers: &[&Keypair],
) -> Result<Signature, RpcError> {
    let blockhash = rpc.get_latest_blockhash().await?;
    let transaction = signed_transaction(instructions, payer, signers, blockhash);
    Ok(rpc.send_and_confirm_transaction(&transaction).await?)
}
