//! Token-2022 mint extensions: which ones a faucet accepts, and the transfer fee of a claim.
//!
//! Rejected unless the creator sets the matching `ALLOW_*` flag, because each breaks a promise
//! the faucet makes to claimers or to its operator:
//! - permanent delegate: that key can move or burn the vault's tokens at any time;
//! - transfer hook: every transfer runs another program, which can reject claims (and claims do
//!   not pass the hook's extra accounts);
//! - non-transferable: the vault could never send tokens;
//! - default account state frozen: the vault and every new claimer account start frozen until
//!   the freeze authority thaws them;
//! - confidential transfers: part of the supply can move in encrypted balances that the faucet's
//!   counters cannot see.
//!
//! Accepted as they are: transfer fees (the claimer receives the drip minus the fee, see
//! [`transfer_fee`]), metadata, mint close authority, interest-bearing and the other extensions
//! that do not stop the vault from sending.

use anchor_lang::prelude::*;
use anchor_spl::token_2022::spl_token_2022::extension::default_account_state::DefaultAccountState;
use anchor_spl::token_2022::spl_token_2022::extension::transfer_fee::{
    TransferFeeAmount, TransferFeeConfig,
};
use anchor_spl::token_2022::spl_token_2022::extension::{
    BaseStateWithExtensions, ExtensionType, StateWithExtensions,
};
use anchor_spl::token_2022::spl_token_2022::state::{Account, AccountState, Mint};

use crate::constants::{
    ALLOW_CONFIDENTIAL_TRANSFERS, ALLOW_DEFAULT_FROZEN, ALLOW_NON_TRANSFERABLE,
    ALLOW_PERMANENT_DELEGATE, ALLOW_TRANSFER_HOOK,
};
use crate::error::FaucetError;
use crate::log::log_message;

/// Checks the mint's extensions against the `allowed` flags (`ALLOW_*`). SPL Token mints have
/// no extensions and always pass.
pub fn check_mint_extensions(mint: &AccountInfo, allowed: u16) -> Result<()> {
    if mint.owner != &anchor_spl::token_2022::ID {
        return Ok(());
    }
    let data = mint.try_borrow_data()?;
    let state = StateWithExtensions::<Mint>::unpack(&data)?;
    for extension in state.get_extension_types()? {
        let (flag, error) = match extension {
            ExtensionType::PermanentDelegate => (
                ALLOW_PERMANENT_DELEGATE,
                FaucetError::MintHasPermanentDelegate,
            ),
            ExtensionType::TransferHook => (ALLOW_TRANSFER_HOOK, FaucetError::MintHasTransferHook),
            ExtensionType::NonTransferable => {
                (ALLOW_NON_TRANSFERABLE, FaucetError::MintIsNonTransferable)
            }
            ExtensionType::ConfidentialTransferMint => (
                ALLOW_CONFIDENTIAL_TRANSFERS,
                FaucetError::MintHasConfidentialTransfers,
            ),
            ExtensionType::DefaultAccountState => {
                let default_state = state.get_extension::<DefaultAccountState>()?;
                if default_state.state != AccountState::Frozen as u8 {
                    continue;
                }
                (ALLOW_DEFAULT_FROZEN, FaucetError::MintDefaultsToFrozen)
            }
            _ => continue,
        };
        if allowed & flag == 0 {
            log_message(&format!(
                "Mint {} has the {:?} extension: pass its ALLOW_* flag (0x{:x}) in allowed_mint_extensions to accept it",
                mint.key(),
                extension,
                flag
            ));
            return Err(error.into());
        }
    }
    Ok(())
}

/// Returns the Token-2022 transfer fee, in base units, that a transfer of `amount` from the vault
/// pays at `epoch`: the recipient receives `amount - fee`. Zero for SPL Token mints and mints
/// without a transfer fee.
pub fn transfer_fee(mint: &AccountInfo, amount: u64, epoch: u64) -> Result<u64> {
    if mint.owner != &anchor_spl::token_2022::ID {
        return Ok(0);
    }
    let data = mint.try_borrow_data()?;
    let state = StateWithExtensions::<Mint>::unpack(&data)?;
    let Ok(config) = state.get_extension::<TransferFeeConfig>() else {
        return Ok(0);
    };
    config
        .calculate_epoch_fee(epoch, amount)
        .ok_or_else(|| error!(FaucetError::MathOverflow))
}

/// Returns the transfer fees withheld in a Token-2022 token account, which must be harvested to
/// the mint before the account can be closed. Zero for accounts without them.
pub fn withheld_fees(account: &AccountInfo) -> Result<u64> {
    if account.owner != &anchor_spl::token_2022::ID {
        return Ok(0);
    }
    let data = account.try_borrow_data()?;
    let state = StateWithExtensions::<Account>::unpack(&data)?;
    Ok(state
        .get_extension::<TransferFeeAmount>()
        .map_or(0, |fees| u64::from(fees.withheld_amount)))
}
