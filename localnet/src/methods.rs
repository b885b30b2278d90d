//! JSON-RPC 2.0 dispatch and the methods the node serves, with the request and response types of
//! the Solana crates so that encodings and shapes match a validator's.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use solana_account::Account;
use solana_account_decoder::parse_account_data::{
    AccountAdditionalDataV3, SplTokenAdditionalDataV2,
};
use solana_account_decoder::parse_token::token_amount_to_ui_amount_v3;
use solana_account_decoder::{UiAccount, UiAccountEncoding, encode_ui_account};
use solana_hash::Hash;
use solana_message::VersionedMessage;
use solana_program_pack::Pack;
use solana_pubkey::Pubkey;
use solana_rpc_client_types::config::{
    RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcRequestAirdropConfig,
    RpcSendTransactionConfig, RpcSignatureStatusConfig, RpcSimulateTransactionConfig,
    RpcTokenAccountsFilter, RpcTransactionConfig,
};
use solana_rpc_client_types::filter::RpcFilterType;
use solana_rpc_client_types::response::{
    Response, RpcBlockhash, RpcKeyedAccount, RpcResponseContext, RpcSimulateTransactionResult,
    RpcVersionInfo,
};
use solana_signature::Signature;
use solana_signer::Signer;
use solana_transaction::versioned::VersionedTransaction;
use solana_transaction_error::TransactionError;
use solana_transaction_status_client_types::option_serializer::OptionSerializer;
use solana_transaction_status_client_types::{
    EncodedConfirmedTransactionWithStatusMeta, EncodedTransaction,
    EncodedTransactionWithStatusMeta, TransactionBinaryEncoding, TransactionConfirmationStatus,
    TransactionStatus, UiCompiledInstruction, UiMessage, UiRawMessage, UiReturnDataEncoding,
    UiTransaction, UiTransactionEncoding, UiTransactionReturnData, UiTransactionStatusMeta,
};
use spl_token_2022_interface::state::{Account as TokenAccount, Mint};

use crate::node::{Node, State, StoredTransaction};
use crate::pubsub::Notice;

/// Version reported by `getVersion`: the Agave crates the node runs on.
const SOLANA_CORE_VERSION: &str = "4.2.2";
/// Blocks a blockhash stays valid for, as on a validator.
const BLOCKHASH_VALIDITY_BLOCKS: u64 = 150;
/// Largest airdrop, in lamports: 1,000 SOL.
const MAX_AIRDROP_LAMPORTS: u64 = 1_000_000_000_000;

pub(crate) const PARSE_ERROR: i64 = -32700;
pub(crate) const INVALID_REQUEST: i64 = -32600;
pub(crate) const METHOD_NOT_FOUND: i64 = -32601;
pub(crate) const INVALID_PARAMS: i64 = -32602;
const INTERNAL_ERROR: i64 = -32603;
const PREFLIGHT_FAILURE: i64 = -32002;
const SIGNATURE_VERIFICATION_FAILURE: i64 = -32003;
const UNSUPPORTED_TRANSACTION_VERSION: i64 = -32015;

/// A JSON-RPC error object.
pub(crate) struct RpcError {
    code: i64,
    message: String,
    data: Option<Value>,
}

impl RpcError {
    fn new(code: i64, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            data: None,
        }
    }

    fn invalid_params(message: impl std::fmt::Display) -> Self {
        Self::new(INVALID_PARAMS, format!("Invalid params: {message}"))
    }
}

fn error_response(id: Value, error: RpcError) -> Value {
    let mut object = json!({ "code": error.code, "message": error.message });
    if let Some(data) = error.data {
        object["data"] = data;
    }
    json!({ "jsonrpc": "2.0", "error": object, "id": id })
}

/// Handles a request body (one request or a batch) and returns the response body.
pub(crate) async fn handle_body(node: &Node, body: &[u8]) -> String {
    let parsed: Value = match serde_json::from_slice(body) {
        Ok(parsed) => parsed,
        Err(_) => {
            return error_response(Value::Null, RpcError::new(PARSE_ERROR, "Parse error"))
                .to_string();
        }
    };
    match parsed {
        Value::Array(requests) if requests.is_empty() => error_response(
            Value::Null,
            RpcError::new(INVALID_REQUEST, "Invalid request"),
        )
        .to_string(),
        Value::Array(requests) => {
            let mut answers = Vec::with_capacity(requests.len());
            for request in requests {
                answers.push(handle_request(node, request).await);
            }
            Value::Array(answers).to_string()
        }
        request => handle_request(node, request).await.to_string(),
    }
}

async fn handle_request(node: &Node, request: Value) -> Value {
    let id = request.get("id").cloned().unwrap_or(Value::Null);
    let Some(method) = request.get("method").and_then(Value::as_str) else {
        return error_response(id, RpcError::new(INVALID_REQUEST, "Invalid request"));
    };
    let params = request.get("params").cloned().unwrap_or(Value::Null);
    log::debug!("request {id}: {method} {params}");
    match dispatch(node, method, params).await {
        Ok(result) => json!({ "jsonrpc": "2.0", "result": result, "id": id }),
        Err(error) => {
            log::debug!(
                "request {id}: {method} failed with {}: {}",
                error.code,
                error.message
            );
            error_response(id, error)
        }
    }
}

/// Positional parameters of a request.
struct Params(Vec<Value>);

impl Params {
    fn new(value: Value) -> Result<Self, RpcError> {
        match value {
            Value::Null => Ok(Self(Vec::new())),
            Value::Array(values) => Ok(Self(values)),
            _ => Err(RpcError::invalid_params("params must be an array")),
        }
    }

    fn required<T: DeserializeOwned>(&self, index: usize, name: &str) -> Result<T, RpcError> {
        let value = self
            .0
            .get(index)
            .ok_or_else(|| RpcError::invalid_params(format!("missing parameter {name}")))?;
        serde_json::from_value(value.clone())
            .map_err(|error| RpcError::invalid_params(format!("{name}: {error}")))
    }

    fn optional<T: DeserializeOwned>(
        &self,
        index: usize,
        name: &str,
    ) -> Result<Option<T>, RpcError> {
        match self.0.get(index) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => serde_json::from_value(value.clone())
                .map(Some)
                .map_err(|error| RpcError::invalid_params(format!("{name}: {error}"))),
        }
    }

    fn pubkey(&self, index: usize, name: &str) -> Result<Pubkey, RpcError> {
        let text: String = self.required(index, name)?;
        parse_pubkey(&text)
    }
}

fn parse_pubkey(text: &str) -> Result<Pubkey, RpcError> {
    text.parse()
        .map_err(|_| RpcError::invalid_params(format!("invalid public key {text:?}")))
}

fn to_value<T: serde::Serialize>(value: &T) -> Result<Value, RpcError> {
    serde_json::to_value(value).map_err(|error| RpcError::new(INTERNAL_ERROR, error.to_string()))
}

fn with_context<T: serde::Serialize>(slot: u64, value: T) -> Result<Value, RpcError> {
    to_value(&Response {
        context: RpcResponseContext::new(slot),
        value,
    })
}

async fn dispatch(node: &Node, method: &str, params: Value) -> Result<Value, RpcError> {
    let params = Params::new(params)?;
    let mut state = node.lock().await;
    let state = &mut *state;
    let slot = state.chain.slot().await;
    match method {
        "getVersion" => to_value(&RpcVersionInfo {
            solana_core: SOLANA_CORE_VERSION.to_string(),
            feature_set: None,
        }),
        "getHealth" => Ok(json!("ok")),
        "getSlot" => Ok(json!(slot)),
        // NOTE: every slot of this node has a block, so the block height is the slot.
        "getBlockHeight" => Ok(json!(slot)),
        "getLatestBlockhash" => {
            let blockhash = latest_blockhash(state).await?;
            with_context(
                slot,
                RpcBlockhash {
                    blockhash: blockhash.to_string(),
                    last_valid_block_height: slot + BLOCKHASH_VALIDITY_BLOCKS,
                },
            )
        }
        "isBlockhashValid" => {
            let text: String = params.required(0, "blockhash")?;
            let blockhash: Hash = text
                .parse()
                .map_err(|_| RpcError::invalid_params(format!("invalid blockhash {text:?}")))?;
            let valid = blockhash_is_valid(state, blockhash).await?;
            with_context(slot, valid)
        }
        "getBalance" => {
            let address = params.pubkey(0, "pubkey")?;
            let lamports = state.chain.lamports(&address).await;
            with_context(slot, lamports)
        }
        "getAccountInfo" => {
            let address = params.pubkey(0, "pubkey")?;
            let config: RpcAccountInfoConfig = params.optional(1, "config")?.unwrap_or_default();
            let account = encoded_account(state, &address, &config).await;
            with_context(slot, account)
        }
        "getMultipleAccounts" => {
            let addresses: Vec<String> = params.required(0, "pubkeys")?;
            let config: RpcAccountInfoConfig = params.optional(1, "config")?.unwrap_or_default();
            let mut accounts = Vec::with_capacity(addresses.len());
            for text in &addresses {
                let address = parse_pubkey(text)?;
                accounts.push(encoded_account(state, &address, &config).await);
            }
            with_context(slot, accounts)
        }
        "getProgramAccounts" => {
            let program = params.pubkey(0, "program id")?;
            let config: RpcProgramAccountsConfig =
                params.optional(1, "config")?.unwrap_or_default();
            let filters = config.filters.clone().unwrap_or_default();
            for filter in &filters {
                filter.verify().map_err(RpcError::invalid_params)?;
            }
            let mut keyed = Vec::new();
            for address in state.known_accounts.clone() {
                let Some(account) = state.chain.account(&address).await else {
                    continue;
                };
                if account.owner != program
                    || !filters.iter().all(|filter| filter_allows(filter, &account))
                {
                    continue;
                }
                let encoded = encode(state, &address, &account, &config.account_config).await;
                keyed.push(RpcKeyedAccount {
                    pubkey: address.to_string(),
                    account: encoded,
                });
            }
            if config.with_context.unwrap_or(false) {
                with_context(slot, keyed)
            } else {
                to_value(&keyed)
            }
        }
        "getTokenAccountBalance" => {
            let address = params.pubkey(0, "pubkey")?;
            let account = state
                .chain
                .account(&address)
                .await
                .ok_or_else(|| RpcError::invalid_params("could not find account"))?;
            let token = unpack_token_account(&account)
                .ok_or_else(|| RpcError::invalid_params("Invalid param: not a Token account"))?;
            let decimals = mint_decimals(state, &token.mint).await.ok_or_else(|| {
                RpcError::invalid_params("Invalid param: mint could not be unpacked")
            })?;
            let data = SplTokenAdditionalDataV2 {
                decimals,
                ..SplTokenAdditionalDataV2::default()
            };
            with_context(slot, token_amount_to_ui_amount_v3(token.amount, &data))
        }
        "getTokenAccountsByOwner" => {
            let owner = params.pubkey(0, "owner")?;
            let filter: RpcTokenAccountsFilter = params.required(1, "filter")?;
            let config: RpcAccountInfoConfig = params.optional(2, "config")?.unwrap_or_default();
            let (mint, program) = match &filter {
                RpcTokenAccountsFilter::Mint(mint) => (Some(parse_pubkey(mint)?), None),
                RpcTokenAccountsFilter::ProgramId(program) => (None, Some(parse_pubkey(program)?)),
            };
            let mut keyed = Vec::new();
            for address in state.known_accounts.clone() {
                let Some(account) = state.chain.account(&address).await else {
                    continue;
                };
                if !is_token_program(&account.owner)
                    || program.is_some_and(|program| program != account.owner)
                {
                    continue;
                }
                let Some(token) = unpack_token_account(&account) else {
                    continue;
                };
                if token.owner != owner || mint.is_some_and(|mint| mint != token.mint) {
                    continue;
                }
                let encoded = encode(state, &address, &account, &config).await;
                keyed.push(RpcKeyedAccount {
                    pubkey: address.to_string(),
                    account: encoded,
                });
            }
            with_context(slot, keyed)
        }
        "getMinimumBalanceForRentExemption" => {
            let length: usize = params.required(0, "data length")?;
            Ok(json!(state.chain.rent_exempt_minimum(length).await))
        }
        "getFeeForMessage" => {
            let text: String = params.required(0, "message")?;
            let bytes = BASE64
                .decode(text.as_bytes())
                .map_err(RpcError::invalid_params)?;
            let message: VersionedMessage =
                bincode::deserialize(&bytes).map_err(RpcError::invalid_params)?;
            let fee = fee_for_message(state, &message).await?;
            with_context(slot, fee)
        }
        "simulateTransaction" => {
            let config: RpcSimulateTransactionConfig =
                params.optional(1, "config")?.unwrap_or_default();
            let mut transaction = decode_transaction(&params, config.encoding)?;
            let mut replacement = None;
            if config.replace_recent_blockhash {
                if config.sig_verify {
                    return Err(RpcError::invalid_params(
                        "sigVerify may not be used with replaceRecentBlockhash",
                    ));
                }
                let blockhash = latest_blockhash(state).await?;
                transaction.message.set_recent_blockhash(blockhash);
                replacement = Some(RpcBlockhash {
                    blockhash: blockhash.to_string(),
                    last_valid_block_height: slot + BLOCKHASH_VALIDITY_BLOCKS,
                });
            }
            let fee = fee_for_message(state, &transaction.message).await?;
            let outcome = state
                .chain
                .simulate_transaction(transaction, config.sig_verify)
                .await;
            let mut result = simulation_result(outcome);
            result.replacement_blockhash = replacement;
            result.fee = fee;
            with_context(slot, result)
        }
        "sendTransaction" => {
            let config: RpcSendTransactionConfig =
                params.optional(1, "config")?.unwrap_or_default();
            let transaction = decode_transaction(&params, config.encoding)?;
            send_transaction(state, transaction, config.skip_preflight).await
        }
        "getSignatureStatuses" => {
            let signatures: Vec<String> = params.required(0, "signatures")?;
            let _config: Option<RpcSignatureStatusConfig> = params.optional(1, "config")?;
            let mut statuses = Vec::with_capacity(signatures.len());
            for text in &signatures {
                let signature = parse_signature(text)?;
                statuses.push(
                    state
                        .transactions
                        .get(&signature)
                        .map(|stored| TransactionStatus {
                            slot: stored.slot,
                            confirmations: None,
                            status: stored.error.clone().map_or(Ok(()), Err),
                            err: stored.error.clone(),
                            confirmation_status: Some(TransactionConfirmationStatus::Finalized),
                        }),
                );
            }
            with_context(slot, statuses)
        }
        "getTransaction" => {
            let signature = parse_signature(&params.required::<String>(0, "signature")?)?;
            let config: RpcTransactionConfig = params.optional(1, "config")?.unwrap_or_default();
            match state.transactions.get(&signature) {
                None => Ok(Value::Null),
                Some(stored) => to_value(&confirmed_transaction(stored, &config)?),
            }
        }
        "requestAirdrop" => {
            let address = params.pubkey(0, "pubkey")?;
            let lamports: u64 = params.required(1, "lamports")?;
            let _config: Option<RpcRequestAirdropConfig> = params.optional(2, "config")?;
            if lamports == 0 || lamports > MAX_AIRDROP_LAMPORTS {
                return Err(RpcError::invalid_params(format!(
                    "airdrop of {lamports} lamports: request between 1 and {MAX_AIRDROP_LAMPORTS}"
                )));
            }
            let payer = state.chain.payer();
            let transfer =
                solana_system_interface::instruction::transfer(&payer.pubkey(), &address, lamports);
            let blockhash = latest_blockhash(state).await?;
            let transaction = solana_transaction::Transaction::new_signed_with_payer(
                &[transfer],
                Some(&payer.pubkey()),
                &[&payer],
                blockhash,
            );
            send_transaction(state, transaction.into(), true).await
        }
        "faucetAdvanceClock" => {
            let seconds: i64 = params.required(0, "seconds")?;
            state.clock_offset = state.clock_offset.saturating_add(seconds);
            state.chain.advance_slot().await;
            let now = state.clock_time();
            state.chain.set_unix_timestamp(now).await;
            Ok(json!(now))
        }
        _ => Err(RpcError::new(METHOD_NOT_FOUND, "Method not found")),
    }
}

fn parse_signature(text: &str) -> Result<Signature, RpcError> {
    text.parse()
        .map_err(|_| RpcError::invalid_params(format!("invalid signature {text:?}")))
}

fn is_token_program(program: &Pubkey) -> bool {
    *program == spl_token_2022_interface::ID || *program == faucet_chain::SPL_TOKEN_PROGRAM_ID
}

fn unpack_token_account(account: &Account) -> Option<TokenAccount> {
    if !is_token_program(&account.owner) || account.data.len() < TokenAccount::LEN {
        return None;
    }
    TokenAccount::unpack_from_slice(&account.data[..TokenAccount::LEN]).ok()
}

async fn mint_decimals(state: &mut State, mint: &Pubkey) -> Option<u8> {
    let account = state.chain.account(mint).await?;
    if !is_token_program(&account.owner) || account.data.len() < Mint::LEN {
        return None;
    }
    Mint::unpack_from_slice(&account.data[..Mint::LEN])
        .ok()
        .map(|mint| mint.decimals)
}

fn filter_allows(filter: &RpcFilterType, account: &Account) -> bool {
    match filter {
        RpcFilterType::DataSize(size) => account.data.len() as u64 == *size,
        RpcFilterType::Memcmp(compare) => compare.bytes_match(&account.data),
        RpcFilterType::TokenAccountState => unpack_token_account(account).is_some(),
    }
}

async fn encoded_account(
    state: &mut State,
    address: &Pubkey,
    config: &RpcAccountInfoConfig,
) -> Option<UiAccount> {
    let account = state.chain.account(address).await?;
    Some(encode(state, address, &account, config).await)
}

/// Encodes an account as a validator does. Binary (base58) is the default, as on a validator;
/// `jsonParsed` token accounts get their mint's decimals.
async fn encode(
    state: &mut State,
    address: &Pubkey,
    account: &Account,
    config: &RpcAccountInfoConfig,
) -> UiAccount {
    let encoding = config.encoding.unwrap_or(UiAccountEncoding::Binary);
    let mut additional = None;
    let token = match encoding {
        UiAccountEncoding::JsonParsed => unpack_token_account(account),
        _ => None,
    };
    if let Some(token) = token
        && let Some(decimals) = mint_decimals(state, &token.mint).await
    {
        additional = Some(AccountAdditionalDataV3 {
            spl_token_additional_data: Some(SplTokenAdditionalDataV2 {
                decimals,
                ..SplTokenAdditionalDataV2::default()
            }),
        });
    }
    encode_ui_account(address, account, encoding, additional, config.data_slice)
}

async fn latest_blockhash(state: &mut State) -> Result<Hash, RpcError> {
    state
        .chain
        .banks_client()
        .get_latest_blockhash()
        .await
        .map_err(|error| RpcError::new(INTERNAL_ERROR, error.to_string()))
}

async fn blockhash_is_valid(state: &mut State, blockhash: Hash) -> Result<bool, RpcError> {
    let payer = state.chain.payer().pubkey();
    let message = solana_message::Message::new_with_blockhash(&[], Some(&payer), &blockhash);
    let fee = state
        .chain
        .banks_client()
        .get_fee_for_message(message)
        .await
        .map_err(|error| RpcError::new(INTERNAL_ERROR, error.to_string()))?;
    Ok(fee.is_some())
}

/// Returns the fee of `message`, or `None` if its blockhash is unknown or expired.
async fn fee_for_message(
    state: &mut State,
    message: &VersionedMessage,
) -> Result<Option<u64>, RpcError> {
    match message {
        VersionedMessage::Legacy(legacy) => state
            .chain
            .banks_client()
            .get_fee_for_message(legacy.clone())
            .await
            .map_err(|error| RpcError::new(INTERNAL_ERROR, error.to_string())),
        _ => {
            if !blockhash_is_valid(state, *message.recent_blockhash()).await? {
                return Ok(None);
            }
            let signatures = u64::from(message.header().num_required_signatures);
            Ok(Some(signatures * faucet_chain::LAMPORTS_PER_SIGNATURE))
        }
    }
}

fn decode_transaction(
    params: &Params,
    encoding: Option<UiTransactionEncoding>,
) -> Result<VersionedTransaction, RpcError> {
    let text: String = params.required(0, "transaction")?;
    let bytes = match encoding.unwrap_or(UiTransactionEncoding::Base58) {
        UiTransactionEncoding::Base58 | UiTransactionEncoding::Binary => {
            bs58::decode(&text).into_vec().map_err(|error| {
                RpcError::invalid_params(format!("invalid base58 encoding: {error}"))
            })?
        }
        UiTransactionEncoding::Base64 => BASE64.decode(text.as_bytes()).map_err(|error| {
            RpcError::invalid_params(format!("invalid base64 encoding: {error}"))
        })?,
        other => {
            return Err(RpcError::invalid_params(format!(
                "unsupported encoding: {other}. Supported encodings: base58, base64"
            )));
        }
    };
    let transaction: VersionedTransaction = bincode::deserialize(&bytes).map_err(|error| {
        RpcError::invalid_params(format!(
            "failed to deserialize VersionedTransaction: {error}"
        ))
    })?;
    transaction
        .sanitize()
        .map_err(|error| RpcError::invalid_params(format!("invalid transaction: {error}")))?;
    Ok(transaction)
}

fn simulation_result(
    outcome: Result<faucet_chain::Executed, faucet_chain::Failed>,
) -> RpcSimulateTransactionResult {
    let (err, logs, units, return_data) = match outcome {
        Ok(executed) => (
            None,
            executed.logs,
            executed.compute_units,
            executed.return_data,
        ),
        Err(failed) => (Some(failed.error), failed.logs, 0, None),
    };
    RpcSimulateTransactionResult {
        err: err.map(Into::into),
        logs: Some(logs),
        accounts: None,
        units_consumed: Some(units),
        loaded_accounts_data_size: None,
        return_data: return_data.map(ui_return_data),
        inner_instructions: None,
        replacement_blockhash: None,
        fee: None,
        pre_balances: None,
        post_balances: None,
        pre_token_balances: None,
        post_token_balances: None,
        loaded_addresses: None,
    }
}

fn ui_return_data((program_id, data): (Pubkey, Vec<u8>)) -> UiTransactionReturnData {
    UiTransactionReturnData {
        program_id: program_id.to_string(),
        data: (BASE64.encode(data), UiReturnDataEncoding::Base64),
    }
}

/// Runs preflight (unless skipped), processes the transaction, and records it for status and
/// history queries. Returns the signature as a validator does.
async fn send_transaction(
    state: &mut State,
    transaction: VersionedTransaction,
    skip_preflight: bool,
) -> Result<Value, RpcError> {
    let signature = *transaction
        .signatures
        .first()
        .ok_or_else(|| RpcError::invalid_params("transaction has no signature"))?;
    if state.transactions.contains_key(&signature) {
        return Ok(json!(signature.to_string()));
    }
    if !transaction.verify_with_results().iter().all(|valid| *valid) {
        return Err(RpcError::new(
            SIGNATURE_VERIFICATION_FAILURE,
            "Transaction signature verification failure",
        ));
    }
    let fee = fee_for_message(state, &transaction.message).await?;
    if fee.is_none() {
        let result = simulation_result(Err(faucet_chain::Failed {
            error: TransactionError::BlockhashNotFound,
            logs: Vec::new(),
        }));
        return Err(preflight_failure(result));
    }

    if !skip_preflight {
        let outcome = state
            .chain
            .simulate_transaction(transaction.clone(), false)
            .await;
        if outcome.is_err() {
            return Err(preflight_failure(simulation_result(outcome)));
        }
    }

    let keys = transaction.message.static_account_keys().to_vec();
    let mut pre_balances = Vec::with_capacity(keys.len());
    for key in &keys {
        pre_balances.push(state.chain.lamports(key).await);
    }
    let slot = state.chain.slot().await;
    let block_time = state.chain.unix_timestamp().await;
    let outcome = state.chain.process_transaction(transaction.clone()).await;
    let (error, logs, compute_units, return_data) = match outcome {
        Ok(executed) => (
            None,
            executed.logs,
            executed.compute_units,
            executed.return_data,
        ),
        // Failures before execution (an unknown blockhash, an unfunded fee payer) are not recorded
        // on a validator either.
        Err(failed) if !matches!(failed.error, TransactionError::InstructionError(..)) => {
            return Err(preflight_failure(simulation_result(Err(failed))));
        }
        Err(failed) => (Some(failed.error), failed.logs, 0, None),
    };
    let mut post_balances = Vec::with_capacity(keys.len());
    for key in &keys {
        post_balances.push(state.chain.lamports(key).await);
    }
    state.known_accounts.extend(keys.iter().copied());
    let _ = state.notices.send(Notice::Transaction {
        signature,
        slot,
        error: error.clone(),
        logs: logs.clone(),
        accounts: keys,
    });
    state.transactions.insert(
        signature,
        StoredTransaction {
            slot,
            block_time,
            transaction,
            error,
            logs,
            fee: fee.unwrap_or_default(),
            pre_balances,
            post_balances,
            compute_units,
            return_data,
        },
    );
    Ok(json!(signature.to_string()))
}

fn preflight_failure(result: RpcSimulateTransactionResult) -> RpcError {
    let reason = result.err.as_ref().map_or_else(
        || "unknown error".to_string(),
        |error| {
            let error: TransactionError = error.clone().into();
            error.to_string()
        },
    );
    let logs = result.logs.as_ref().map_or(0, Vec::len);
    RpcError {
        code: PREFLIGHT_FAILURE,
        message: format!("Transaction simulation failed: {reason}; {logs} log messages"),
        data: serde_json::to_value(&result).ok(),
    }
}

fn confirmed_transaction(
    stored: &StoredTransaction,
    config: &RpcTransactionConfig,
) -> Result<EncodedConfirmedTransactionWithStatusMeta, RpcError> {
    let version = stored.transaction.version();
    let is_legacy = matches!(stored.transaction.message, VersionedMessage::Legacy(_));
    if !is_legacy && config.max_supported_transaction_version.is_none() {
        return Err(RpcError::new(
            UNSUPPORTED_TRANSACTION_VERSION,
            "Transaction version (0) is not supported by the requesting client. Please try the request again with the following configuration parameter: \"maxSupportedTransactionVersion\": 0",
        ));
    }

    let encoding = config.encoding.unwrap_or(UiTransactionEncoding::Json);
    let transaction = match encoding {
        UiTransactionEncoding::Base64 => {
            let bytes = bincode::serialize(&stored.transaction)
                .map_err(|error| RpcError::new(INTERNAL_ERROR, error.to_string()))?;
            EncodedTransaction::Binary(BASE64.encode(bytes), TransactionBinaryEncoding::Base64)
        }
        UiTransactionEncoding::Base58 | UiTransactionEncoding::Binary => {
            let bytes = bincode::serialize(&stored.transaction)
                .map_err(|error| RpcError::new(INTERNAL_ERROR, error.to_string()))?;
            EncodedTransaction::Binary(
                bs58::encode(bytes).into_string(),
                TransactionBinaryEncoding::Base58,
            )
        }
        UiTransactionEncoding::Json | UiTransactionEncoding::JsonParsed => {
            EncodedTransaction::Json(json_transaction(&stored.transaction))
        }
    };

    let error = stored.error.clone().map(Into::into);
    let meta = UiTransactionStatusMeta {
        err: error.clone(),
        status: error.map_or(Ok(()), Err),
        fee: stored.fee,
        pre_balances: stored.pre_balances.clone(),
        post_balances: stored.post_balances.clone(),
        inner_instructions: OptionSerializer::Some(Vec::new()),
        log_messages: OptionSerializer::Some(stored.logs.clone()),
        pre_token_balances: OptionSerializer::Some(Vec::new()),
        post_token_balances: OptionSerializer::Some(Vec::new()),
        rewards: OptionSerializer::Some(Vec::new()),
        loaded_addresses: OptionSerializer::Skip,
        return_data: stored.return_data.clone().map(ui_return_data).into(),
        compute_units_consumed: OptionSerializer::Some(stored.compute_units),
        cost_units: OptionSerializer::Skip,
    };
    Ok(EncodedConfirmedTransactionWithStatusMeta {
        slot: stored.slot,
        transaction: EncodedTransactionWithStatusMeta {
            transaction,
            meta: Some(meta),
            version: if config.max_supported_transaction_version.is_some() {
                Some(version)
            } else {
                None
            },
        },
        block_time: Some(stored.block_time),
        transaction_index: None,
    })
}

fn json_transaction(transaction: &VersionedTransaction) -> UiTransaction {
    let message = &transaction.message;
    UiTransaction {
        signatures: transaction
            .signatures
            .iter()
            .map(ToString::to_string)
            .collect(),
        message: UiMessage::Raw(UiRawMessage {
            header: *message.header(),
            account_keys: message
                .static_account_keys()
                .iter()
                .map(ToString::to_string)
                .collect(),
            recent_blockhash: message.recent_blockhash().to_string(),
            instructions: message
                .instructions()
                .iter()
                .map(|instruction| UiCompiledInstruction::from(instruction, None))
                .collect(),
            address_table_lookups: message
                .address_table_lookups()
                .map(|lookups| lookups.iter().map(Into::into).collect()),
            transaction_config: None,
        }),
    }
}
