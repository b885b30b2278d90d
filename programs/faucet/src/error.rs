//! Errors returned by the faucet program. Append new variants at the end: clients map errors by
//! their code (6000 + position).

use anchor_lang::prelude::*;

#[error_code]
#[derive(PartialEq, Eq)]
pub enum FaucetError {
    #[msg("Drip amount must be greater than zero base units")]
    InvalidDripAmount,
    #[msg("Cooldown must be between 1 and 31536000 seconds (365 days)")]
    CooldownOutOfRange,
    #[msg("Config update changes nothing: pass a new drip amount, a new cooldown or both")]
    EmptyConfigUpdate,
    #[msg("Faucet is paused: claims are rejected until the authority resumes it")]
    FaucetPaused,
    #[msg("Cooldown active: the next claim is allowed at last claim time + cooldown")]
    CooldownActive,
    #[msg(
        "Vault contains less than this claim's amount: the faucet must be funded before the next claim"
    )]
    VaultBalanceTooLow,
    #[msg("Amount must be greater than zero base units")]
    InvalidAmount,
    #[msg("Amount exceeds the vault balance")]
    InsufficientVaultBalance,
    #[msg("Signer is not the faucet authority")]
    Unauthorized,
    #[msg("No authority transfer is pending: propose a new authority first")]
    NoPendingAuthority,
    #[msg("Signer is not the pending authority of this faucet")]
    NotPendingAuthority,
    #[msg("Proposed authority must not be the default (all-zero) address")]
    InvalidPendingAuthority,
    #[msg(
        "Claim record does not match the seeds [\"claim\", faucet, claimer] and its stored bump"
    )]
    InvalidClaimRecord,
    #[msg("Arithmetic overflow: a counter would exceed u64::MAX")]
    MathOverflow,
    #[msg(
        "Claim destination must be the claimer's token account for the faucet's mint and token program"
    )]
    InvalidClaimDestination,
    #[msg("Invalid budget_capacity: it must be at least one drip, or 0 to turn the budget off")]
    BudgetCapacityBelowDrip,
    #[msg(
        "Invalid budget refill: with a budget, budget_refill_amount must be above 0 and budget_refill_period_seconds between 1 and 31536000; without one, both must be 0"
    )]
    InvalidBudgetRefill,
    #[msg(
        "Invalid claim window: window_start and window_end must not be negative, and window_end must be after window_start when both are set"
    )]
    InvalidClaimWindow,
    #[msg("Claim window not open yet: claims are accepted from window_start on")]
    ClaimWindowNotOpen,
    #[msg("Claim window closed: claims are rejected from window_end on")]
    ClaimWindowClosed,
    #[msg(
        "Claimer cap reached: this wallet has claimed the maximum number of claims or amount this faucet allows"
    )]
    ClaimerCapReached,
    #[msg(
        "Global budget exhausted: the faucet has handed out its budget for now; see the log for when it allows the next claim"
    )]
    BudgetExhausted,
    #[msg(
        "Mint has a permanent delegate, which could move the vault's tokens: set ALLOW_PERMANENT_DELEGATE in allowed_mint_extensions to accept it"
    )]
    MintHasPermanentDelegate,
    #[msg(
        "Mint has a transfer hook, which runs another program on every claim: set ALLOW_TRANSFER_HOOK in allowed_mint_extensions to accept it"
    )]
    MintHasTransferHook,
    #[msg(
        "Mint is non-transferable, so the vault could never send tokens: set ALLOW_NON_TRANSFERABLE in allowed_mint_extensions to accept it"
    )]
    MintIsNonTransferable,
    #[msg(
        "Mint creates frozen token accounts, so the vault and claimer accounts need thawing: set ALLOW_DEFAULT_FROZEN in allowed_mint_extensions to accept it"
    )]
    MintDefaultsToFrozen,
    #[msg(
        "Mint allows confidential transfers, which the faucet's counters cannot see: set ALLOW_CONFIDENTIAL_TRANSFERS in allowed_mint_extensions to accept it"
    )]
    MintHasConfidentialTransfers,
    #[msg("allowed_mint_extensions has bits set that name no extension")]
    InvalidMintExtensionFlags,
    #[msg(
        "Claim records can be closed only after their faucet is closed, because an open faucet still needs them to enforce its rules"
    )]
    FaucetStillOpen,
    #[msg("Signer is not the account that paid this claim record's rent")]
    NotRentPayer,
    #[msg(
        "Invalid claim amount: co-signed faucets need an amount from 1 base unit up to the drip, other faucets take none"
    )]
    InvalidClaimAmount,
    #[msg(
        "This faucet has an allowlist: the claim must carry the claimer's allocation and Merkle proof"
    )]
    AllowlistProofMissing,
    #[msg(
        "Allowlist proof does not lead from leaf (claimer, allocation) to the faucet's Merkle root"
    )]
    InvalidAllowlistProof,
    #[msg("This faucet's claims must be co-signed by its claim authority")]
    ClaimAuthorityMissing,
    #[msg(
        "This faucet requires holding a token: pass the claimer's token account of the holder mint"
    )]
    HolderAccountMissing,
    #[msg("Holder token account must belong to the claimer and hold the faucet's holder mint")]
    InvalidHolderAccount,
    #[msg("Claimer holds less of the holder mint than the faucet requires")]
    HolderBalanceTooLow,
    #[msg("Nothing to withdraw: the claimer has no accrued credit")]
    NothingAccrued,
    #[msg(
        "Accrued credit is below the faucet's withdrawal threshold: claim more before withdrawing, or wait until the faucet is paused"
    )]
    AccruedBelowThreshold,
    #[msg(
        "Faucet still owes accrued credit to claimers: they must withdraw it before the faucet can close"
    )]
    OutstandingAccruedCredit,
    #[msg("Drip amount changed since the claim was built: check the new amount and claim again")]
    DripChanged,
}

impl FaucetError {
    /// Every variant, in code order. A new variant must be appended here too: the test below
    /// checks the order, not that the list is complete.
    pub const ALL: [FaucetError; 41] = [
        FaucetError::InvalidDripAmount,
        FaucetError::CooldownOutOfRange,
        FaucetError::EmptyConfigUpdate,
        FaucetError::FaucetPaused,
        FaucetError::CooldownActive,
        FaucetError::VaultBalanceTooLow,
        FaucetError::InvalidAmount,
        FaucetError::InsufficientVaultBalance,
        FaucetError::Unauthorized,
        FaucetError::NoPendingAuthority,
        FaucetError::NotPendingAuthority,
        FaucetError::InvalidPendingAuthority,
        FaucetError::InvalidClaimRecord,
        FaucetError::MathOverflow,
        FaucetError::InvalidClaimDestination,
        FaucetError::BudgetCapacityBelowDrip,
        FaucetError::InvalidBudgetRefill,
        FaucetError::InvalidClaimWindow,
        FaucetError::ClaimWindowNotOpen,
        FaucetError::ClaimWindowClosed,
        FaucetError::ClaimerCapReached,
        FaucetError::BudgetExhausted,
        FaucetError::MintHasPermanentDelegate,
        FaucetError::MintHasTransferHook,
        FaucetError::MintIsNonTransferable,
        FaucetError::MintDefaultsToFrozen,
        FaucetError::MintHasConfidentialTransfers,
        FaucetError::InvalidMintExtensionFlags,
        FaucetError::FaucetStillOpen,
        FaucetError::NotRentPayer,
        FaucetError::InvalidClaimAmount,
        FaucetError::AllowlistProofMissing,
        FaucetError::InvalidAllowlistProof,
        FaucetError::ClaimAuthorityMissing,
        FaucetError::HolderAccountMissing,
        FaucetError::InvalidHolderAccount,
        FaucetError::HolderBalanceTooLow,
        FaucetError::NothingAccrued,
        FaucetError::AccruedBelowThreshold,
        FaucetError::OutstandingAccruedCredit,
        FaucetError::DripChanged,
    ];

    /// Returns the variant with the given custom program error code (6000 and up).
    pub fn from_code(code: u32) -> Option<Self> {
        let index = code.checked_sub(anchor_lang::error::ERROR_CODE_OFFSET)?;
        Self::ALL.get(usize::try_from(index).ok()?).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_is_in_code_order() {
        for (index, error) in FaucetError::ALL.iter().enumerate() {
            assert_eq!(*error as usize, index, "{}", error.name());
            assert_eq!(u32::from(*error), 6000 + index as u32);
        }
    }

    #[test]
    fn from_code_bounds() {
        assert_eq!(FaucetError::from_code(5999).map(u32::from), None);
        assert_eq!(FaucetError::from_code(6000).map(u32::from), Some(6000));
        assert_eq!(FaucetError::from_code(6040).map(u32::from), Some(6040));
        assert_eq!(FaucetError::from_code(6041).map(u32::from), None);
    }
}
