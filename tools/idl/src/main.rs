//! Writes the faucet program's Anchor IDL to `idl/faucet.json`, or with `--check` fails if the
//! committed file differs from what the program produces now.
//!
//! It runs the program's `idl-build` test, as `anchor idl build` does, in a separate target
//! directory so that the workspace's own build is not invalidated.

use std::path::PathBuf;

use anyhow::{Context, bail};

fn main() -> anyhow::Result<()> {
    let check = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--check") => true,
        Some(other) => {
            bail!("unknown argument {other:?}: run with no argument to write the IDL, or --check")
        }
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("tools/idl sits two levels below the workspace root")
        .to_path_buf();
    let program = root.join("programs/faucet");
    let output = root.join("idl/faucet.json");

    // anchor-lang-idl 0.1.4 turns RUSTUP_TOOLCHAIN into a malformed `cargo +{toolchain}`
    // argument, and rustup sets it for every process `cargo run` starts.
    // SAFETY: no other thread exists yet.
    unsafe {
        std::env::remove_var("RUSTUP_TOOLCHAIN");
        std::env::set_var("CARGO_TARGET_DIR", root.join("target/idl-build"));
    }
    let idl = anchor_lang_idl::build::IdlBuilder::new()
        .program_path(program)
        .build()
        .context("building the IDL failed")?;
    let json = serde_json::to_string_pretty(&idl)? + "\n";

    if check {
        let committed = std::fs::read_to_string(&output)
            .with_context(|| format!("failed to read {}", output.display()))?;
        if committed != json {
            bail!(
                "{} is stale: run `cargo run -p faucet-idl` and commit the result",
                output.display()
            );
        }
        println!("{} is current", output.display());
    } else {
        std::fs::create_dir_all(output.parent().expect("idl/ has a parent"))?;
        std::fs::write(&output, json)
            .with_context(|| format!("failed to write {}", output.display()))?;
        println!("wrote {}", output.display());
    }
    Ok(())
}
