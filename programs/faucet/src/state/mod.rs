mod claim_record;
mod faucet;
mod limits;

pub use claim_record::*;
pub use faucet::*;
pub use limits::*;
