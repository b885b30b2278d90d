//! Log lines and events that reach the transaction's log messages in every build.
//!
//! On SBF these are exactly `msg!` and `emit!`. In a native build (the tests and the in-process
//! chain), anchor-lang 1.2.2 compiles `emit!` to nothing and solana-msg's `msg!` prints to stdout,
//! so neither reaches the runtime's log collector, and clients could not read events or the
//! cooldown message. There, the same bytes go through the syscall stubs that the runtime
//! installs for native programs.

use anchor_lang::Event;

/// Writes `event` as a `Program data:` log line, like `emit!`.
pub fn emit_event<E: Event>(event: &E) {
    let data = event.data();
    #[cfg(target_os = "solana")]
    anchor_lang::solana_program::log::sol_log_data(&[&data]);
    #[cfg(not(target_os = "solana"))]
    solana_sysvar::program_stubs::sol_log_data(&[&data]);
}

/// Writes `message` as a `Program log:` line, like `msg!`. Meant for failure paths, where the
/// formatting cost does not matter.
pub fn log_message(message: &str) {
    #[cfg(target_os = "solana")]
    anchor_lang::solana_program::log::sol_log(message);
    #[cfg(not(target_os = "solana"))]
    solana_sysvar::program_stubs::sol_log(message);
}
