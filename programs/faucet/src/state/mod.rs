mod claim_record;
mod faucet;

pub use claim_record::*;
pub use faucet::*;
