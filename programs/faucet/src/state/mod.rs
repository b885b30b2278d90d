mod claim_record;
mod faucet;
mod gate;
mod limits;

pub use claim_record::*;
pub use faucet::*;
pub use gate::*;
pub use limits::*;
