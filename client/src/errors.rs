//! Mapping of failed transactions to the program's errors, by error code.

use anchor_lang::error::ErrorCode as AnchorErrorCode;
use solana_instruction_error::InstructionError;
use solana_transaction_error::TransactionError;

use faucet::error::FaucetError;

/// Anchor framework errors this program's account checks can raise, for naming them in messages.
const ANCHOR_ERRORS: [AnchorErrorCode; 16] = [
    AnchorErrorCode::InstructionDidNotDeserialize,
    AnchorErrorCode::ConstraintMut,
    AnchorErrorCode::ConstraintHasOne,
    AnchorErrorCode::ConstraintSigner,
    AnchorErrorCode::ConstraintSeeds,
    AnchorErrorCode::ConstraintAssociated,
    AnchorErrorCode::ConstraintTokenMint,
    AnchorErrorCode::ConstraintTokenOwner,
    AnchorErrorCode::ConstraintMintTokenProgram,
    AnchorErrorCode::ConstraintTokenTokenProgram,
    AnchorErrorCode::AccountDiscriminatorMismatch,
    AnchorErrorCode::AccountNotInitialized,
    AnchorErrorCode::AccountOwnedByWrongProgram,
    AnchorErrorCode::InvalidProgramId,
    AnchorErrorCode::AccountNotSigner,
    AnchorErrorCode::ConstraintDuplicateMutableAccount,
];

/// A custom error code returned by an instruction, with its name and message where known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramError {
    /// Index of the failing instruction in its transaction.
    pub instruction_index: u8,
    /// Custom error code: 6000 and up for this program, 100 to 5999 for Anchor's own checks, and
    /// small numbers for the token programs.
    pub code: u32,
    /// The faucet error, when `code` is one of this program's.
    pub faucet_error: Option<FaucetError>,
    /// Variant name, such as `CooldownActive`, when known.
    pub name: Option<String>,
    /// Human-readable message, when known.
    pub message: Option<String>,
}

impl std::fmt::Display for ProgramError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.name, &self.message) {
            (Some(name), Some(message)) => write!(f, "{name} (error {}): {message}", self.code),
            _ => write!(
                f,
                "custom program error {} in instruction {}",
                self.code, self.instruction_index
            ),
        }
    }
}

/// Extracts the custom error code from a failed transaction and names it. Returns `None` for
/// failures that carry no custom code (a missing signature, an unknown blockhash, ...).
///
/// ```
/// use faucet_client::{errors::program_error, FaucetError};
/// use solana_instruction_error::InstructionError;
/// use solana_transaction_error::TransactionError;
/// let failure = TransactionError::InstructionError(0, InstructionError::Custom(6004));
/// let error = program_error(&failure).unwrap();
/// assert_eq!(error.name.as_deref(), Some("CooldownActive"));
/// assert!(matches!(error.faucet_error, Some(FaucetError::CooldownActive)));
/// ```
pub fn program_error(error: &TransactionError) -> Option<ProgramError> {
    let TransactionError::InstructionError(instruction_index, InstructionError::Custom(code)) =
        error
    else {
        return None;
    };
    let code = *code;
    let faucet_error = FaucetError::from_code(code);
    let (name, message) = match faucet_error {
        Some(error) => (Some(error.name()), Some(error.to_string())),
        None => match ANCHOR_ERRORS
            .iter()
            .find(|error| u32::from(**error) == code)
        {
            Some(error) => (Some(error.name()), Some(error.to_string())),
            None => (None, None),
        },
    };
    Some(ProgramError {
        instruction_index: *instruction_index,
        code,
        faucet_error,
        name,
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_anchor_constraint() {
        let failure = TransactionError::InstructionError(1, InstructionError::Custom(3008));
        let error = program_error(&failure).unwrap();
        assert_eq!(error.instruction_index, 1);
        assert_eq!(error.name.as_deref(), Some("InvalidProgramId"));
        assert_eq!(error.faucet_error.map(u32::from), None);
    }

    #[test]
    fn unknown_code_has_no_name() {
        let failure = TransactionError::InstructionError(0, InstructionError::Custom(1));
        let error = program_error(&failure).unwrap();
        assert_eq!(error.name, None);
        assert_eq!(error.to_string(), "custom program error 1 in instruction 0");
    }

    #[test]
    fn non_custom_failure_is_none() {
        assert_eq!(program_error(&TransactionError::BlockhashNotFound), None);
    }
}
