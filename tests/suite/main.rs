//! Native tests of the faucet program on the in-process runtime, with the real SPL Token and
//! Token-2022 programs. One module per behaviour.

mod admin;
mod authority;
mod claim;
mod claim_attacks;
mod close_faucet;
mod config_in_flight;
mod create_faucet;
mod extremes;
mod fund;
mod gated;
mod limits;
mod mint_extensions;
mod properties;
mod rent_reclaim;
mod transfer_fee;
mod withdraw;
