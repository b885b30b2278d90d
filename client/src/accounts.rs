//! Decoders for the program's accounts.

use anchor_lang::AccountDeserialize;

use faucet::state::{ClaimRecord, Faucet};

/// Failure to decode an account's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Account type that was expected.
    pub expected: &'static str,
    /// Reason given by the deserializer.
    pub reason: String,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "account data is not a valid {}: {}",
            self.expected, self.reason
        )
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a [`Faucet`] from account data, discriminator included.
pub fn decode_faucet(data: &[u8]) -> Result<Faucet, DecodeError> {
    decode(data, "Faucet")
}

/// Decodes a [`ClaimRecord`] from account data, discriminator included.
pub fn decode_claim_record(data: &[u8]) -> Result<ClaimRecord, DecodeError> {
    decode(data, "ClaimRecord")
}

fn decode<T: AccountDeserialize>(
    mut data: &[u8],
    expected: &'static str,
) -> Result<T, DecodeError> {
    T::try_deserialize(&mut data).map_err(|error| DecodeError {
        expected,
        reason: match error {
            anchor_lang::error::Error::AnchorError(error) => error.error_msg.clone(),
            other => other.to_string(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::AccountSerialize;

    #[test]
    fn claim_record_round_trip() {
        let record = ClaimRecord {
            last_claim_at: 1_700_000_000,
            total_claimed: 42,
            claim_count: 3,
            bump: 254,
            rent_payer: solana_pubkey::Pubkey::new_from_array([9; 32]),
            accrued: 7,
        };
        let mut data = Vec::new();
        record.try_serialize(&mut data).unwrap();
        assert_eq!(data.len(), ClaimRecord::SPACE);
        assert_eq!(decode_claim_record(&data).unwrap(), record);
    }

    #[test]
    fn faucet_rejects_claim_record_data() {
        let mut data = Vec::new();
        ClaimRecord::default().try_serialize(&mut data).unwrap();
        let error = decode_faucet(&data).unwrap_err();
        assert_eq!(error.expected, "Faucet");
    }
}
