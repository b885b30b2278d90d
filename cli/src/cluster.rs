//! Connection settings that follow the Solana CLI's conventions: its config file, `--url` with
//! monikers, keypair files, and `--output json`.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use solana_keypair::Keypair;
use solana_pubkey::Pubkey;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_signer::Signer;

/// Lamports requested from a local node when a wallet cannot pay its fees: 10 SOL.
const LOCAL_AIRDROP_LAMPORTS: u64 = 10_000_000_000;
/// Balance below which a wallet on a local node gets an airdrop first: 0.1 SOL.
const LOCAL_MINIMUM_LAMPORTS: u64 = 100_000_000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Text for people.
    #[default]
    Display,
    /// One JSON object per command, for scripts.
    Json,
}

/// Options shared by every command that talks to a cluster.
#[derive(Args, Clone, Debug)]
pub struct ClusterArgs {
    /// JSON-RPC URL or moniker: localhost, devnet, testnet, mainnet-beta (or l, d, t, m).
    /// Defaults to the Solana CLI config's json_rpc_url, then localhost.
    #[arg(long, short = 'u', global = true)]
    url: Option<String>,

    /// Keypair file that signs (and pays, unless --fee-payer is given). Defaults to the Solana
    /// CLI config's keypair_path, then ~/.config/solana/id.json.
    #[arg(long, short = 'k', global = true)]
    keypair: Option<PathBuf>,

    /// Keypair file that pays transaction fees and rent.
    #[arg(long, global = true)]
    fee_payer: Option<PathBuf>,

    /// Solana CLI config file. Defaults to ~/.config/solana/cli/config.yml when it exists.
    #[arg(long, short = 'C', global = true)]
    config: Option<PathBuf>,

    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Display)]
    pub output: OutputFormat,
}

/// A resolved connection: the RPC client and the keys that sign.
pub struct Cluster {
    pub rpc: RpcClient,
    pub url: String,
    pub signer: Keypair,
    pub fee_payer: Keypair,
    pub output: OutputFormat,
}

/// The two Solana CLI config settings this tool reads.
#[derive(Debug, Default, PartialEq, Eq)]
struct SolanaConfig {
    json_rpc_url: Option<String>,
    keypair_path: Option<String>,
}

impl ClusterArgs {
    /// Resolves the URL, loads the keypairs and checks that the node responds. A command that
    /// only reads (`read_only`) works without a keypair file.
    pub async fn connect(&self, read_only: bool) -> anyhow::Result<Cluster> {
        let config = self.solana_config()?;
        let url = match self.url.as_deref().or(config.json_rpc_url.as_deref()) {
            Some(url) => resolve_url(url)?,
            None => resolve_url("localhost")?,
        };
        let keypair_path = match &self.keypair {
            Some(path) => path.clone(),
            None => config
                .keypair_path
                .map(PathBuf::from)
                .unwrap_or_else(default_keypair_path),
        };
        let signer = match read_keypair(&keypair_path) {
            Ok(signer) => signer,
            Err(_) if read_only && !keypair_path.exists() => Keypair::new(),
            Err(error) => return Err(error),
        };
        let fee_payer = match &self.fee_payer {
            Some(path) => read_keypair(path)?,
            None => signer.insecure_clone(),
        };
        let rpc = RpcClient::new_with_commitment(
            url.clone(),
            solana_commitment_config::CommitmentConfig::confirmed(),
        );
        if let Err(error) = rpc.get_version().await {
            bail!(
                "cannot reach a Solana node at {url}: {error}. Start a local one with `faucet localnet`, or pass --url"
            );
        }
        Ok(Cluster {
            rpc,
            url,
            signer,
            fee_payer,
            output: self.output,
        })
    }

    fn solana_config(&self) -> anyhow::Result<SolanaConfig> {
        let path = match &self.config {
            Some(path) => path.clone(),
            None => match home_dir() {
                Some(home) => home.join(".config/solana/cli/config.yml"),
                None => return Ok(SolanaConfig::default()),
            },
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(parse_solana_config(&text)),
            Err(error) if self.config.is_none() && error.kind() == std::io::ErrorKind::NotFound => {
                Ok(SolanaConfig::default())
            }
            Err(error) => Err(error)
                .with_context(|| format!("failed to read Solana CLI config {}", path.display())),
        }
    }
}

impl Cluster {
    /// Returns whether the URL points at this machine, where test mints and airdrops are allowed.
    pub fn is_local(&self) -> bool {
        self.url.contains("://127.")
            || self.url.contains("://localhost")
            || self.url.contains("://[::1]")
    }

    /// On a local node, gives `wallet` some SOL if it cannot pay fees.
    pub async fn fund_if_local(&self, wallet: &Pubkey) -> anyhow::Result<()> {
        if !self.is_local() || self.rpc.get_balance(wallet).await? >= LOCAL_MINIMUM_LAMPORTS {
            return Ok(());
        }
        let signature = self
            .rpc
            .request_airdrop(wallet, LOCAL_AIRDROP_LAMPORTS)
            .await?;
        self.rpc
            .poll_for_signature(&signature)
            .await
            .with_context(|| format!("airdrop to {wallet} was not confirmed"))?;
        Ok(())
    }

    /// Returns the fee payer's public key.
    pub fn payer(&self) -> Pubkey {
        self.fee_payer.pubkey()
    }
}

/// Reads a keypair file in the Solana CLI's format: a JSON array of 64 bytes.
pub fn read_keypair(path: &Path) -> anyhow::Result<Keypair> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "failed to read keypair {}: create one with `faucet keygen --outfile {}` or `solana-keygen new`",
            path.display(),
            path.display()
        )
    })?;
    let bytes: Vec<u8> = serde_json::from_str(&text)
        .with_context(|| format!("keypair {} is not a JSON array of 64 bytes", path.display()))?;
    if bytes.len() != 64 {
        bail!(
            "keypair {} has {} bytes: expected a JSON array of 64 bytes",
            path.display(),
            bytes.len()
        );
    }
    Keypair::try_from(bytes.as_slice())
        .map_err(|error| anyhow::anyhow!("keypair {} is invalid: {error}", path.display()))
}

/// Writes a new keypair file, refusing to overwrite an existing one.
pub fn write_new_keypair(path: &Path) -> anyhow::Result<Keypair> {
    if path.exists() {
        bail!(
            "{} already exists: pick another --outfile or delete it first",
            path.display()
        );
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("failed to create {}", parent.display()))?;
    }
    let keypair = Keypair::new();
    let bytes = keypair.to_bytes().to_vec();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    // The file contains a secret key, so only its owner may read it, as with solana-keygen.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("failed to create {}", path.display()))?;
    std::io::Write::write_all(&mut file, serde_json::to_string(&bytes)?.as_bytes())
        .with_context(|| format!("failed to write {}", path.display()))?;
    Ok(keypair)
}

fn home_dir() -> Option<PathBuf> {
    std::env::var_os("HOME").map(PathBuf::from)
}

fn default_keypair_path() -> PathBuf {
    home_dir()
        .unwrap_or_default()
        .join(".config/solana/id.json")
}

/// Expands the Solana CLI's URL monikers; other values must be http(s) URLs.
pub fn resolve_url(url: &str) -> anyhow::Result<String> {
    let resolved = match url {
        "localhost" | "l" => "http://127.0.0.1:8899",
        "devnet" | "d" => "https://api.devnet.solana.com",
        "testnet" | "t" => "https://api.testnet.solana.com",
        "mainnet-beta" | "m" => "https://api.mainnet-beta.solana.com",
        other if other.starts_with("http://") || other.starts_with("https://") => other,
        other => bail!(
            "invalid --url {other:?}: use localhost, devnet, testnet, mainnet-beta or an http(s) URL"
        ),
    };
    Ok(resolved.to_string())
}

/// Reads `json_rpc_url` and `keypair_path` from the Solana CLI's YAML config, whose lines are
/// plain `key: value` pairs.
fn parse_solana_config(text: &str) -> SolanaConfig {
    let mut config = SolanaConfig::default();
    for line in text.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .to_string();
        if value.is_empty() {
            continue;
        }
        match key.trim() {
            "json_rpc_url" => config.json_rpc_url = Some(value),
            "keypair_path" => config.keypair_path = Some(value),
            _ => {}
        }
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monikers() {
        assert_eq!(resolve_url("localhost").unwrap(), "http://127.0.0.1:8899");
        assert_eq!(resolve_url("d").unwrap(), "https://api.devnet.solana.com");
        assert_eq!(
            resolve_url("mainnet-beta").unwrap(),
            "https://api.mainnet-beta.solana.com"
        );
        assert_eq!(
            resolve_url("http://127.0.0.1:9000").unwrap(),
            "http://127.0.0.1:9000"
        );
        assert!(
            resolve_url("devnett")
                .unwrap_err()
                .to_string()
                .starts_with("invalid --url \"devnett\"")
        );
    }

    #[test]
    fn keygen_file_is_private() {
        let dir = std::env::temp_dir().join(format!("faucet-keygen-{}", std::process::id()));
        let path = dir.join("id.json");
        let _ = std::fs::remove_dir_all(&dir);

        let keypair = write_new_keypair(&path).unwrap();
        let bytes: Vec<u8> =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(bytes, keypair.to_bytes().to_vec());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let again = write_new_keypair(&path).unwrap_err().to_string();
        assert!(again.ends_with("already exists: pick another --outfile or delete it first"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn solana_config_file() {
        let text = "---\njson_rpc_url: \"https://api.devnet.solana.com\"\nwebsocket_url: \"\"\nkeypair_path: /home/me/.config/solana/id.json\ncommitment: confirmed\n";
        assert_eq!(
            parse_solana_config(text),
            SolanaConfig {
                json_rpc_url: Some("https://api.devnet.solana.com".to_string()),
                keypair_path: Some("/home/me/.config/solana/id.json".to_string()),
            }
        );
    }
}
