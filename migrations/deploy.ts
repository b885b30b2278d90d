// Deploy hook that `anchor migrate` runs after `anchor deploy`, with the provider of Anchor.toml
// (Anchor runs it with ts-node). It creates a faucet from a config file and funds its vault from
// the provider wallet. `npm run migrate` runs it without the Anchor CLI (see run.ts).
//
// The config is $FAUCET_CONFIG, or migrations/faucet.config.json (copy
// faucet.config.example.json). Amounts are in token units:
//   mint                 the token to hand out (SPL Token or Token-2022)
//   faucetId             any number; one creator can run several faucets for one mint
//   drip                 tokens per claim
//   cooldownSeconds      seconds between two claims of one wallet
//   fundTo               vault balance to reach, taken from the wallet's associated token account
//   maxClaimsPerClaimer  optional, 0 for no cap
//   maxAmountPerClaimer  optional tokens, "0" for no cap
//   claimAuthority       optional co-signer address for task-gated claims
//   allowedMintExtensions optional ALLOW_* flags for Token-2022 extensions
//
// Running it again is safe: an existing faucet is kept (a different drip or cooldown is
// reported, not changed) and the vault is topped up to `fundTo`.
import * as anchor from "@anchor-lang/core";
import { BN, Program } from "@anchor-lang/core";
import { getAssociatedTokenAddressSync, getMint } from "@solana/spl-token";
import { PublicKey } from "@solana/web3.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { IDL, faucetAddress, formatAmount, loadFaucet, parseAmount } from "../app/src/faucet";
import type { Faucet } from "../target/types/faucet";

interface DeployConfig {
  mint: string;
  faucetId?: number;
  drip: string;
  cooldownSeconds: number;
  fundTo?: string;
  maxClaimsPerClaimer?: number;
  maxAmountPerClaimer?: string;
  claimAuthority?: string | null;
  allowedMintExtensions?: number;
}

function readConfig(): { path: string; config: DeployConfig } {
  const fromEnvironment = process.env.FAUCET_CONFIG;
  const path = fromEnvironment ?? join(__dirname, "faucet.config.json");
  let config: DeployConfig;
  try {
    config = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const hint = fromEnvironment
      ? "Check the path in FAUCET_CONFIG."
      : "Copy migrations/faucet.config.example.json there, or set FAUCET_CONFIG.";
    throw new Error(
      `cannot read the faucet config ${path}: ${error instanceof Error ? error.message : error}. ${hint}`,
    );
  }
  for (const field of ["mint", "drip", "cooldownSeconds"] as const) {
    if (config[field] === undefined) throw new Error(`${path}: "${field}" is required`);
  }
  return { path, config };
}

function address(path: string, field: string, value: string): PublicKey {
  try {
    return new PublicKey(value);
  } catch {
    throw new Error(`${path}: "${field}" is not an address: ${JSON.stringify(value)}`);
  }
}

async function deploy(provider: anchor.AnchorProvider): Promise<PublicKey> {
  anchor.setProvider(provider);
  const program = new Program<Faucet>(IDL, provider);
  const connection = provider.connection;
  const creator = provider.wallet.publicKey;
  const { path, config } = readConfig();

  const mint = address(path, "mint", config.mint);
  const mintAccount = await connection.getAccountInfo(mint);
  if (!mintAccount) throw new Error(`${path}: mint ${mint.toBase58()} does not exist on ${connection.rpcEndpoint}`);
  const tokenProgram = mintAccount.owner;
  const { decimals } = await getMint(connection, mint, "confirmed", tokenProgram);
  const drip = parseAmount(config.drip, decimals);
  const faucetId = BigInt(config.faucetId ?? 0);
  const faucet = faucetAddress(mint, creator, faucetId);

  if (await connection.getAccountInfo(faucet)) {
    const existing = await loadFaucet(program, faucet);
    console.log(`Faucet ${faucet.toBase58()} exists; keeping it.`);
    if (existing.dripAmount !== drip || existing.cooldownSeconds !== config.cooldownSeconds) {
      console.log(
        `  Its drip is ${formatAmount(existing.dripAmount, decimals)} every ${existing.cooldownSeconds} s; ` +
          `the config asks ${config.drip} every ${config.cooldownSeconds} s. Use \`faucet update\` to change it.`,
      );
    }
  } else {
    await program.methods
      .createFaucet({
        faucetId: new BN(faucetId.toString()),
        dripAmount: new BN(drip.toString()),
        cooldownSeconds: new BN(config.cooldownSeconds),
        limits: {
          maxClaimsPerClaimer: new BN(config.maxClaimsPerClaimer ?? 0),
          maxAmountPerClaimer: new BN(parseAmount(config.maxAmountPerClaimer ?? "0", decimals).toString()),
          budgetCapacity: new BN(0),
          budgetRefillAmount: new BN(0),
          budgetRefillPeriodSeconds: new BN(0),
          windowStart: new BN(0),
          windowEnd: new BN(0),
        },
        allowedMintExtensions: config.allowedMintExtensions ?? 0,
        gate: {
          claimAuthority: config.claimAuthority
            ? address(path, "claimAuthority", config.claimAuthority)
            : PublicKey.default,
          merkleRoot: new Array(32).fill(0),
          holderMint: PublicKey.default,
          holderMinAmount: new BN(0),
          accrualThreshold: new BN(0),
        },
      })
      .accounts({ creator, mint, tokenProgram })
      .rpc();
    console.log(`Created faucet ${faucet.toBase58()}: ${config.drip} tokens every ${config.cooldownSeconds} s.`);
  }

  const view = await loadFaucet(program, faucet);
  const target = parseAmount(config.fundTo ?? "0", decimals);
  if (target > view.vaultBalance) {
    const amount = target - view.vaultBalance;
    await program.methods
      .fund(new BN(amount.toString()))
      .accountsPartial({
        funder: creator,
        faucet,
        mint,
        vault: view.vault,
        source: getAssociatedTokenAddressSync(mint, creator, false, tokenProgram),
        tokenProgram,
      })
      .rpc();
    console.log(`Funded the vault with ${formatAmount(amount, decimals)} tokens.`);
  }
  console.log(`Vault balance: ${formatAmount(target > view.vaultBalance ? target : view.vaultBalance, decimals)} tokens.`);
  return faucet;
}

module.exports = deploy;
