//! Decoding of the events that the program writes to transaction logs.

use anchor_lang::Event;
use base64::Engine;

/// Prefix of the log lines that carry `emit!` payloads (base64 of discriminator + Borsh data).
const PROGRAM_DATA_PREFIX: &str = "Program data: ";

/// Returns every event of type `T` found in `logs`, in log order. Lines that are not event data,
/// or are events of another type, are skipped.
///
/// ```
/// use faucet_client::events::parse_events;
/// use faucet::events::FaucetPaused;
/// let logs = vec!["Program log: Instruction: SetPaused".to_string()];
/// assert!(parse_events::<FaucetPaused>(&logs).is_empty());
/// ```
pub fn parse_events<T: Event>(logs: &[String]) -> Vec<T> {
    logs.iter()
        .filter_map(|line| line.strip_prefix(PROGRAM_DATA_PREFIX))
        .filter_map(|encoded| {
            base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .ok()
        })
        .filter_map(|bytes| {
            let data = bytes.strip_prefix(T::DISCRIMINATOR)?;
            T::deserialize(&mut &data[..]).ok()
        })
        .collect()
}
