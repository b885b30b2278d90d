pub mod accept_authority;
pub mod admin;
pub mod cancel_authority_transfer;
pub mod claim;
pub mod close_claim_record;
pub mod close_faucet;
pub mod create_faucet;
pub mod destination;
pub mod fund;
pub mod propose_authority;
pub mod set_paused;
pub mod update_config;
pub mod vault;
pub mod withdraw;
pub mod withdraw_accrued;

// `#[program]` needs each Accounts struct and its generated client modules at the crate root. Every
// file also has a `handler`, which callers always reach through its module, so the glob clash on
// that name is harmless.
#[allow(ambiguous_glob_reexports)]
pub use {
    accept_authority::*, admin::*, claim::*, close_claim_record::*, close_faucet::*,
    create_faucet::*, fund::*, update_config::*, withdraw::*, withdraw_accrued::*,
};
