//! The fixes that running an Anchor 1.x program natively under solana-program-test 4.2 needs.
//! Nothing outside this crate should know about them.

use anchor_lang::prelude::{AccountInfo, Pubkey};
use anchor_lang::solana_program::entrypoint::ProgramResult;
use anchor_lang::solana_program::program_error::ProgramError;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use faucet_client::errors::ProgramError as ProgramErrorInfo;
use solana_instruction::Instruction;
use solana_instruction_error::InstructionError;
use solana_sysvar_v3::program_stubs as stubs_v3;
use solana_sysvar_v4::program_stubs as stubs_v4;
use solana_transaction_error::TransactionError;
use std::sync::{Arc, Once, OnceLock};

/// Native entrypoint of the faucet program in the shape `processor!` accepts.
///
/// Anchor generates `entry<'info>(&'info Pubkey, &'info [AccountInfo<'info>], &'info [u8])`, one
/// lifetime for everything, while program-test passes independent lifetimes. `AccountInfo` is
/// invariant in its lifetime, so the slice cannot simply be shortened.
pub fn faucet_entrypoint(
    program_id: &Pubkey,
    accounts: &[AccountInfo],
    data: &[u8],
) -> ProgramResult {
    // SAFETY: only lifetimes change. program-test keeps the program id, the account infos and
    // the data alive for the whole call, and the program keeps no reference past its return.
    let accounts: &[AccountInfo<'_>] = unsafe { core::mem::transmute(accounts) };
    let result = faucet::entry(program_id, accounts, data);
    if let Err(ProgramError::Custom(code)) = &result {
        log_anchor_error(*code);
    }
    result
}

/// Writes the `AnchorError occurred. Error Code: ...` line that Anchor logs for a failed
/// instruction on a validator. Natively, Anchor's own line goes to stdout through `msg!`, and
/// clients (Anchor's TypeScript `AnchorError.parse`, explorers) read the error's name from the
/// logs. The file and line of `AnchorError thrown in ...` are not known here, so the line takes
/// Anchor's form for errors without a source location.
fn log_anchor_error(code: u32) {
    let failure = TransactionError::InstructionError(0, InstructionError::Custom(code));
    if let Some(ProgramErrorInfo {
        name: Some(name),
        message: Some(message),
        ..
    }) = faucet_client::errors::program_error(&failure)
    {
        faucet::log::log_message(&format!(
            "AnchorError occurred. Error Code: {name}. Error Number: {code}. Error Message: {message}."
        ));
    }
}

/// Start of a `Program log:` line that carries `sol_log_data` fields. program-test 4.2.2's stubs
/// print `sol_log_data` to stdout instead of recording it, so the forwarder logs the fields as a
/// marked message and [`tidy_native_logs`] turns it back into the `Program data:` line that a
/// validator writes.
const LOG_DATA_MARKER: &str = "Program log: \u{1}program-data ";

fn encode_log_data(fields: &[&[u8]]) -> String {
    let encoded: Vec<String> = fields.iter().map(|field| BASE64.encode(field)).collect();
    format!(
        "{}{}",
        &LOG_DATA_MARKER["Program log: ".len()..],
        encoded.join(" ")
    )
}

/// Turns the runtime's native-mode logs into the lines a validator writes.
///
/// - The marked lines of [`encode_log_data`] become `Program data: <base64> ...` lines.
/// - program-test logs `Program X invoke [n]` and `Program X success` (or `failed`) twice for
///   every native program entry and every CPI made from native code. Its processor or CPI stub
///   logs them at the caller's depth, then the runtime logs them at the right depth.
/// - Log parsers that keep a stack of invocations (Anchor's `EventParser`, explorers) need each
///   line once, so the first of each pair goes. A program that invokes itself directly could
///   lose a genuine line here, and this program never does.
pub fn tidy_native_logs(logs: Vec<String>) -> Vec<String> {
    let mut tidy: Vec<String> = Vec::with_capacity(logs.len());
    for line in logs {
        let line = match line.strip_prefix(LOG_DATA_MARKER) {
            Some(data) => format!("Program data: {data}"),
            None => line,
        };
        if let Some(previous) = tidy.last() {
            let repeated_exit = *previous == line && is_exit_line(&line);
            if repeated_exit {
                continue;
            }
            if invoked_program(previous).is_some()
                && invoked_program(previous) == invoked_program(&line)
            {
                tidy.pop();
            }
        }
        tidy.push(line);
    }
    tidy
}

/// Returns the program of a `Program X invoke [n]` line.
fn invoked_program(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("Program ")?;
    let (program, depth) = rest.split_once(" invoke [")?;
    depth.ends_with(']').then_some(program)
}

/// Returns whether `line` is `Program X success` or `Program X failed: ...`.
fn is_exit_line(line: &str) -> bool {
    line.strip_prefix("Program ").is_some_and(|rest| {
        rest.split_once(' ')
            .is_some_and(|(_, outcome)| outcome == "success" || outcome.starts_with("failed: "))
    })
}

type SharedStubs = Arc<OnceLock<Box<dyn stubs_v4::SyscallStubs>>>;

/// Forwards every syscall stub to program-test's own stubs.
///
/// program-test installs its native syscall stubs (CPI, sysvars, logs, return data) into
/// solana-sysvar 4.x, but anchor-lang 1.2.2 reads sysvars and performs CPIs through solana-sysvar
/// 3.x, which has its own global. Without a forwarder in both, `Clock::get()` fails with
/// `UnsupportedSysvar` and CPIs to the token programs are silently skipped.
struct StubForwarder(SharedStubs);

impl StubForwarder {
    fn target(&self) -> &dyn stubs_v4::SyscallStubs {
        self.0
            .get()
            .expect("program-test stubs are set before the forwarder is installed")
            .as_ref()
    }
}

macro_rules! forward_syscall_stubs {
    ($stubs_trait:path) => {
        impl $stubs_trait for StubForwarder {
            fn sol_log(&self, message: &str) {
                self.target().sol_log(message)
            }
            fn sol_log_compute_units(&self) {
                self.target().sol_log_compute_units()
            }
            fn sol_remaining_compute_units(&self) -> u64 {
                self.target().sol_remaining_compute_units()
            }
            fn sol_invoke_signed(
                &self,
                instruction: &Instruction,
                account_infos: &[AccountInfo],
                signers_seeds: &[&[&[u8]]],
            ) -> ProgramResult {
                self.target()
                    .sol_invoke_signed(instruction, account_infos, signers_seeds)
            }
            fn sol_get_sysvar(&self, id: *const u8, var: *mut u8, offset: u64, length: u64) -> u64 {
                self.target().sol_get_sysvar(id, var, offset, length)
            }
            fn sol_get_clock_sysvar(&self, var: *mut u8) -> u64 {
                self.target().sol_get_clock_sysvar(var)
            }
            fn sol_get_epoch_schedule_sysvar(&self, var: *mut u8) -> u64 {
                self.target().sol_get_epoch_schedule_sysvar(var)
            }
            fn sol_get_fees_sysvar(&self, var: *mut u8) -> u64 {
                self.target().sol_get_fees_sysvar(var)
            }
            fn sol_get_rent_sysvar(&self, var: *mut u8) -> u64 {
                self.target().sol_get_rent_sysvar(var)
            }
            fn sol_get_epoch_rewards_sysvar(&self, var: *mut u8) -> u64 {
                self.target().sol_get_epoch_rewards_sysvar(var)
            }
            fn sol_get_last_restart_slot(&self, var: *mut u8) -> u64 {
                self.target().sol_get_last_restart_slot(var)
            }
            fn sol_get_epoch_stake(&self, vote_address: *const u8) -> u64 {
                self.target().sol_get_epoch_stake(vote_address)
            }
            unsafe fn sol_memcpy(&self, dst: *mut u8, src: *const u8, n: usize) {
                // SAFETY: the caller's contract is passed on unchanged.
                unsafe { self.target().sol_memcpy(dst, src, n) }
            }
            unsafe fn sol_memmove(&self, dst: *mut u8, src: *const u8, n: usize) {
                // SAFETY: the caller's contract is passed on unchanged.
                unsafe { self.target().sol_memmove(dst, src, n) }
            }
            unsafe fn sol_memcmp(&self, s1: *const u8, s2: *const u8, n: usize, result: *mut i32) {
                // SAFETY: the caller's contract is passed on unchanged.
                unsafe { self.target().sol_memcmp(s1, s2, n, result) }
            }
            unsafe fn sol_memset(&self, s: *mut u8, c: u8, n: usize) {
                // SAFETY: the caller's contract is passed on unchanged.
                unsafe { self.target().sol_memset(s, c, n) }
            }
            fn sol_get_return_data(&self) -> Option<(Pubkey, Vec<u8>)> {
                self.target().sol_get_return_data()
            }
            fn sol_set_return_data(&self, data: &[u8]) {
                self.target().sol_set_return_data(data)
            }
            fn sol_log_data(&self, fields: &[&[u8]]) {
                self.target().sol_log(&encode_log_data(fields))
            }
            fn sol_get_processed_sibling_instruction(&self, index: usize) -> Option<Instruction> {
                self.target().sol_get_processed_sibling_instruction(index)
            }
            fn sol_get_stack_height(&self) -> u64 {
                self.target().sol_get_stack_height()
            }
        }
    };
}
forward_syscall_stubs!(stubs_v3::SyscallStubs);
forward_syscall_stubs!(stubs_v4::SyscallStubs);

/// Installs the forwarder into both stub globals, once per process. Must run after the first
/// `ProgramTest::start*()`, which is when program-test installs its own stubs.
pub fn install_stub_forwarder() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let shared: SharedStubs = Arc::new(OnceLock::new());
        let program_test_stubs =
            stubs_v4::set_syscall_stubs(Box::new(StubForwarder(shared.clone())));
        if shared.set(program_test_stubs).is_err() {
            unreachable!("the forwarder's target is set only here, once");
        }
        stubs_v3::set_syscall_stubs(Box::new(StubForwarder(shared)));
    });
}

#[cfg(test)]
mod tests {
    use super::tidy_native_logs;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|line| line.to_string()).collect()
    }

    #[test]
    fn drops_doubled_invoke_and_exit_lines() {
        let logs = lines(&[
            "Program F invoke [1]",
            "Program F invoke [1]",
            "Program T invoke [1]",
            "Program T invoke [2]",
            "Program T consumed 105 of 184683 compute units",
            "Program T success",
            "Program T success",
            "Program log: \u{1}program-data AQID",
            "Program F success",
            "Program F success",
        ]);
        assert_eq!(
            tidy_native_logs(logs),
            lines(&[
                "Program F invoke [1]",
                "Program T invoke [2]",
                "Program T consumed 105 of 184683 compute units",
                "Program T success",
                "Program data: AQID",
                "Program F success",
            ])
        );
    }

    #[test]
    fn keeps_each_failure_once() {
        let logs = lines(&[
            "Program F invoke [1]",
            "Program F invoke [1]",
            "Program log: Cooldown active",
            "Program F failed: custom program error: 0x1774",
            "Program F failed: custom program error: 0x1774",
            "Program G invoke [1]",
            "Program G success",
        ]);
        assert_eq!(
            tidy_native_logs(logs),
            lines(&[
                "Program F invoke [1]",
                "Program log: Cooldown active",
                "Program F failed: custom program error: 0x1774",
                "Program G invoke [1]",
                "Program G success",
            ])
        );
    }
}
