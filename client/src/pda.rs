//! Addresses derived from the program's seeds.

use solana_pubkey::Pubkey;

use faucet::{CLAIM_RECORD_SEED, FAUCET_SEED, VAULT_SEED};

/// Returns the address and bump of the faucet that `creator` created for `mint` with `faucet_id`.
pub fn faucet_address(mint: &Pubkey, creator: &Pubkey, faucet_id: u64) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[
            FAUCET_SEED,
            mint.as_ref(),
            creator.as_ref(),
            &faucet_id.to_le_bytes(),
        ],
        &faucet::ID,
    )
}

/// Returns the address and bump of a faucet's vault token account.
pub fn vault_address(faucet: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(&[VAULT_SEED, faucet.as_ref()], &faucet::ID)
}

/// Returns the address and bump of `claimer`'s record at `faucet`.
pub fn claim_record_address(faucet: &Pubkey, claimer: &Pubkey) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[CLAIM_RECORD_SEED, faucet.as_ref(), claimer.as_ref()],
        &faucet::ID,
    )
}

/// Returns `wallet`'s associated token account for `mint` under `token_program`.
pub fn associated_token_address(wallet: &Pubkey, mint: &Pubkey, token_program: &Pubkey) -> Pubkey {
    spl_associated_token_account_interface::address::get_associated_token_address_with_program_id(
        wallet,
        mint,
        token_program,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_match_seeds() {
        let mint = Pubkey::new_from_array([1; 32]);
        let creator = Pubkey::new_from_array([2; 32]);
        let claimer = Pubkey::new_from_array([3; 32]);

        let (faucet, bump) = faucet_address(&mint, &creator, 7);
        let seeds: [&[u8]; 5] = [
            b"faucet",
            mint.as_ref(),
            creator.as_ref(),
            &7u64.to_le_bytes(),
            &[bump],
        ];
        assert_eq!(
            Pubkey::create_program_address(&seeds, &faucet::ID).unwrap(),
            faucet
        );

        let (vault, bump) = vault_address(&faucet);
        let seeds: [&[u8]; 3] = [b"vault", faucet.as_ref(), &[bump]];
        assert_eq!(
            Pubkey::create_program_address(&seeds, &faucet::ID).unwrap(),
            vault
        );

        let (record, bump) = claim_record_address(&faucet, &claimer);
        let seeds: [&[u8]; 4] = [b"claim", faucet.as_ref(), claimer.as_ref(), &[bump]];
        assert_eq!(
            Pubkey::create_program_address(&seeds, &faucet::ID).unwrap(),
            record
        );
    }

    #[test]
    fn faucet_id_changes_address() {
        let mint = Pubkey::new_from_array([1; 32]);
        let creator = Pubkey::new_from_array([2; 32]);
        assert_ne!(
            faucet_address(&mint, &creator, 0).0,
            faucet_address(&mint, &creator, 1).0
        );
        let other_creator = Pubkey::new_from_array([4; 32]);
        assert_ne!(
            faucet_address(&mint, &creator, 0).0,
            faucet_address(&mint, &other_creator, 0).0
        );
    }
}
