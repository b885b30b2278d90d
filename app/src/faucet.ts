// The faucet's TypeScript helpers, shared by the claim page, its backend and the deploy script:
// addresses, account views, the claim instruction, when a wallet may claim next, and the
// program's errors in plain words. Built on the program's IDL with @anchor-lang/core.
import { BN, Program, type Provider } from "@anchor-lang/core";
import {
  getAssociatedTokenAddressSync,
  unpackAccount,
  unpackMint,
  ASSOCIATED_TOKEN_PROGRAM_ID,
} from "@solana/spl-token";
import {
  Connection,
  PublicKey,
  SystemProgram,
  SYSVAR_CLOCK_PUBKEY,
  type TransactionInstruction,
} from "@solana/web3.js";
import idlJson from "../../idl/faucet.json";
import type { Faucet } from "../../target/types/faucet";

export const IDL = idlJson as Faucet;
export const PROGRAM_ID = new PublicKey(IDL.address);

const CLAIM_RECORD_SEED = Buffer.from("claim");
const FAUCET_SEED = Buffer.from("faucet");

/** Creates the program with a read-only provider: enough to decode accounts and build instructions. */
export function faucetProgram(connection: Connection): Program<Faucet> {
  return new Program<Faucet>(IDL, { connection } as Provider);
}

/** `[FAUCET_SEED, mint, creator, faucet_id as u64 little-endian]`. */
export function faucetAddress(mint: PublicKey, creator: PublicKey, faucetId: bigint): PublicKey {
  const id = Buffer.alloc(8);
  id.writeBigUInt64LE(faucetId);
  return PublicKey.findProgramAddressSync(
    [FAUCET_SEED, mint.toBuffer(), creator.toBuffer(), id],
    PROGRAM_ID,
  )[0];
}

/** `[CLAIM_RECORD_SEED, faucet, claimer]`: the record of one wallet's claims. */
export function claimRecordAddress(faucet: PublicKey, claimer: PublicKey): PublicKey {
  return PublicKey.findProgramAddressSync(
    [CLAIM_RECORD_SEED, faucet.toBuffer(), claimer.toBuffer()],
    PROGRAM_ID,
  )[0];
}

/** Faucet fields a claimer needs, with the mint's decimals and the vault balance, in base units. */
export interface FaucetView {
  address: PublicKey;
  mint: PublicKey;
  tokenProgram: PublicKey;
  vault: PublicKey;
  decimals: number;
  dripAmount: bigint;
  cooldownSeconds: number;
  paused: boolean;
  vaultBalance: bigint;
  maxClaimsPerClaimer: bigint;
  maxAmountPerClaimer: bigint;
  hasBudget: boolean;
  windowStart: number;
  windowEnd: number;
  /** The key that must co-sign claims, or null when claims need no co-signer. */
  claimAuthority: PublicKey | null;
  hasAllowlist: boolean;
  holderMint: PublicKey | null;
  accrualThreshold: bigint;
}

/** A wallet's record at one faucet. */
export interface ClaimRecordView {
  lastClaimAt: number;
  totalClaimed: bigint;
  claimCount: bigint;
  accrued: bigint;
}

const big = (value: BN): bigint => BigInt(value.toString());
const optionalKey = (key: PublicKey): PublicKey | null =>
  key.equals(PublicKey.default) ? null : key;

/** Reads a faucet, its mint's decimals and its vault balance. Throws when `address` is no faucet. */
export async function loadFaucet(program: Program<Faucet>, address: PublicKey): Promise<FaucetView> {
  const faucet = await program.account.faucet.fetch(address);
  const connection = program.provider.connection;
  const [mintInfo, vaultInfo] = await connection.getMultipleAccountsInfo([
    faucet.mint,
    faucet.vault,
  ]);
  if (!mintInfo || !vaultInfo) {
    throw new Error(`faucet ${address.toBase58()}: its mint or vault account is missing`);
  }
  const mint = unpackMint(faucet.mint, mintInfo, faucet.tokenProgram);
  const vault = unpackAccount(faucet.vault, vaultInfo, faucet.tokenProgram);
  return {
    address,
    mint: faucet.mint,
    tokenProgram: faucet.tokenProgram,
    vault: faucet.vault,
    decimals: mint.decimals,
    dripAmount: big(faucet.dripAmount),
    cooldownSeconds: faucet.cooldownSeconds.toNumber(),
    paused: faucet.paused,
    vaultBalance: vault.amount,
    maxClaimsPerClaimer: big(faucet.limits.maxClaimsPerClaimer),
    maxAmountPerClaimer: big(faucet.limits.maxAmountPerClaimer),
    hasBudget: !faucet.limits.budgetCapacity.isZero(),
    windowStart: faucet.limits.windowStart.toNumber(),
    windowEnd: faucet.limits.windowEnd.toNumber(),
    claimAuthority: optionalKey(faucet.gate.claimAuthority),
    hasAllowlist: faucet.gate.merkleRoot.some((byte: number) => byte !== 0),
    holderMint: optionalKey(faucet.gate.holderMint),
    accrualThreshold: big(faucet.gate.accrualThreshold),
  };
}

/** Reads a wallet's claim record, or null before its first claim. */
export async function loadClaimRecord(
  program: Program<Faucet>,
  faucet: PublicKey,
  claimer: PublicKey,
): Promise<ClaimRecordView | null> {
  const record = await program.account.claimRecord.fetchNullable(
    claimRecordAddress(faucet, claimer),
  );
  if (!record) return null;
  return {
    lastClaimAt: record.lastClaimAt.toNumber(),
    totalClaimed: big(record.totalClaimed),
    claimCount: big(record.claimCount),
    accrued: big(record.accrued),
  };
}

/** Reads the chain's Unix time from the `Clock` sysvar. Countdowns use it, not the local clock. */
export async function chainTime(connection: Connection): Promise<number> {
  const info = await connection.getAccountInfo(SYSVAR_CLOCK_PUBKEY);
  if (!info) throw new Error("the Clock sysvar is missing");
  // Clock: slot u64, epoch_start_timestamp i64, epoch u64, leader_schedule_epoch u64,
  // unix_timestamp i64.
  return Number(info.data.readBigInt64LE(32));
}

/** Whether a wallet may claim at `now`, and if not, why and from when. */
export type ClaimStatus =
  | { kind: "ready" }
  | { kind: "wait"; reason: "cooldown" | "window"; nextClaimAt: number }
  | { kind: "blocked"; reason: "paused" | "closed" | "cap" | "empty" };

/**
 * Applies the rules a page can check from the accounts alone. The chain applies them all again,
 * with the global budget and the gates, when the claim lands.
 */
export function claimStatus(
  faucet: FaucetView,
  record: ClaimRecordView | null,
  now: number,
): ClaimStatus {
  if (faucet.paused) return { kind: "blocked", reason: "paused" };
  if (faucet.windowEnd !== 0 && now >= faucet.windowEnd) return { kind: "blocked", reason: "closed" };
  if (record && record.claimCount > 0n) {
    const countCapped =
      faucet.maxClaimsPerClaimer !== 0n && record.claimCount >= faucet.maxClaimsPerClaimer;
    const amountCapped =
      faucet.maxAmountPerClaimer !== 0n && record.totalClaimed >= faucet.maxAmountPerClaimer;
    if (countCapped || amountCapped) return { kind: "blocked", reason: "cap" };
  }
  if (faucet.accrualThreshold === 0n && faucet.vaultBalance < faucet.dripAmount) {
    return { kind: "blocked", reason: "empty" };
  }
  if (faucet.windowStart !== 0 && now < faucet.windowStart) {
    return { kind: "wait", reason: "window", nextClaimAt: faucet.windowStart };
  }
  if (record && record.claimCount > 0n) {
    const nextClaimAt = record.lastClaimAt + faucet.cooldownSeconds;
    if (now < nextClaimAt) return { kind: "wait", reason: "cooldown", nextClaimAt };
  }
  return { kind: "ready" };
}

/** Plain words for each reason a wallet cannot claim at all right now. */
export const BLOCKED_REASONS: Record<Extract<ClaimStatus, { kind: "blocked" }>["reason"], string> = {
  paused: "The faucet is paused. Claims open again when its operator resumes it.",
  closed: "The claim window has closed.",
  cap: "This wallet has received all this faucet gives to one wallet.",
  empty: "The faucet has run dry. Try again after its operator refills it.",
};

export interface ClaimAccounts {
  claimer: PublicKey;
  /** Pays the fee, the claim record's rent and the claimer's token account if it is new. */
  payer: PublicKey;
  /** The faucet's co-signer, on co-signed faucets. */
  claimAuthority?: PublicKey;
  /** Base units, chosen by the co-signer on co-signed faucets. */
  amount?: bigint;
  /** The claimer's token account of the holder mint, on holder-only faucets. */
  holderTokenAccount?: PublicKey;
}

/**
 * Returns the claimer's associated token account of the holder mint on holder-only faucets, and
 * undefined on other faucets.
 */
export async function holderTokenAccount(
  connection: Connection,
  faucet: FaucetView,
  claimer: PublicKey,
): Promise<PublicKey | undefined> {
  if (!faucet.holderMint) return undefined;
  const mint = await connection.getAccountInfo(faucet.holderMint);
  if (!mint) throw new Error(`holder mint ${faucet.holderMint.toBase58()} not found`);
  return getAssociatedTokenAddressSync(faucet.holderMint, claimer, true, mint.owner);
}

/** Builds `claim`. `expected_drip` is the drip shown, so a drip change in flight fails the claim. */
export async function claimInstruction(
  program: Program<Faucet>,
  faucet: FaucetView,
  accounts: ClaimAccounts,
): Promise<TransactionInstruction> {
  const claimerTokenAccount = getAssociatedTokenAddressSync(
    faucet.mint,
    accounts.claimer,
    true,
    faucet.tokenProgram,
  );
  return program.methods
    .claim({
      amount: accounts.amount === undefined ? null : new BN(accounts.amount.toString()),
      allocation: null,
      proof: [],
      expectedDrip: new BN(faucet.dripAmount.toString()),
    })
    .accountsPartial({
      claimer: accounts.claimer,
      payer: accounts.payer,
      faucet: faucet.address,
      mint: faucet.mint,
      vault: faucet.vault,
      claimRecord: claimRecordAddress(faucet.address, accounts.claimer),
      claimerTokenAccount,
      claimAuthority: accounts.claimAuthority ?? null,
      holderTokenAccount: accounts.holderTokenAccount ?? null,
      tokenProgram: faucet.tokenProgram,
      associatedTokenProgram: ASSOCIATED_TOKEN_PROGRAM_ID,
      systemProgram: SystemProgram.programId,
    })
    .instruction();
}

/** Formats base units in token units: 10_500_000 with 6 decimals is "10.5". */
export function formatAmount(baseUnits: bigint, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const whole = baseUnits / scale;
  const fraction = (baseUnits % scale).toString().padStart(decimals, "0").replace(/0+$/, "");
  const grouped = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** Parses token units ("10", "0.5") into base units. Throws on more decimals than the mint has. */
export function parseAmount(text: string, decimals: number): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`amount ${JSON.stringify(text)}: expected a number of tokens such as 10 or 0.5`);
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) {
    throw new Error(`amount ${text}: the mint has ${decimals} decimals, so at most ${decimals} digits after the point`);
  }
  return BigInt(match[1]) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
}

/** A failed claim, explained. */
export interface ExplainedError {
  /** The program's error code, when the failure carries one. */
  code?: number;
  /** The error's name in the IDL, such as `CooldownActive`. */
  name?: string;
  /** Explanation in plain words: what failed and what to do. */
  text: string;
}

const PLAIN_WORDS: Record<string, string> = {
  FaucetPaused: "This faucet is paused. Claims open again when its operator resumes it.",
  CooldownActive: "You claimed recently. Wait for the countdown to end, then claim again.",
  VaultBalanceTooLow: "The faucet has run dry. Try again after its operator refills it.",
  ClaimWindowNotOpen: "Claims have not opened yet. Come back when the claim window opens.",
  ClaimWindowClosed: "The claim window has closed. This faucet takes no more claims.",
  ClaimerCapReached: "This wallet has received all this faucet gives to one wallet.",
  BudgetExhausted:
    "Many people claimed in a short time and the faucet has paused handing out. Try again in a few minutes.",
  ClaimAuthorityMissing: "This faucet needs the project's approval for each claim, and this page has no claim service.",
  InvalidAllowlistProof: "This wallet is not on the faucet's allowlist.",
  AllowlistProofMissing: "This faucet is for wallets on its allowlist, and this page cannot prove a listing yet.",
  HolderAccountMissing: "This faucet is for holders of a token this wallet does not hold.",
  InvalidHolderAccount: "This faucet is for holders of a token this wallet does not hold.",
  HolderBalanceTooLow: "This wallet holds too little of the token this faucet requires.",
  DripChanged: "The faucet's amount changed while you were claiming. Check the new amount and claim again.",
};

/**
 * Finds the program's error code in a failed send or confirmation (web3.js errors, Anchor
 * errors, or a transaction's `err` value) and explains it.
 */
export function explainError(error: unknown): ExplainedError {
  const code = customErrorCode(error);
  if (code !== undefined) {
    const entry = IDL.errors.find((candidate) => candidate.code === code);
    if (entry) {
      return { code, name: entry.name, text: PLAIN_WORDS[entry.name] ?? `${entry.msg}.` };
    }
    return { code, text: `The transaction failed with error ${code}.` };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/rejected|declined|denied/i.test(message)) {
    return { text: "The wallet did not sign the claim. Nothing was sent." };
  }
  if (/insufficient (funds|lamports)|no record of a prior credit/i.test(message)) {
    return { text: "This wallet has no SOL for the transaction fee. Add a little SOL and retry." };
  }
  return { text: `The claim failed: ${message}` };
}

function customErrorCode(error: unknown): number | undefined {
  if (error && typeof error === "object") {
    const candidate = error as {
      code?: unknown;
      msg?: unknown;
      error?: { errorCode?: { number?: number } };
      InstructionError?: [number, { Custom?: number }];
    };
    if (candidate.error?.errorCode?.number !== undefined) return candidate.error.errorCode.number;
    const custom = candidate.InstructionError?.[1]?.Custom;
    if (typeof custom === "number") return custom;
    // Anchor's ProgramError carries `code` and `msg`. Wallet errors carry a `code` too (4001 for
    // a declined request), which is no program error.
    if (typeof candidate.code === "number" && typeof candidate.msg === "string") return candidate.code;
  }
  const text = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const hex = /custom program error: 0x([0-9a-f]+)/i.exec(text);
  if (hex) return parseInt(hex[1], 16);
  const custom = /"Custom":\s*(\d+)/.exec(text);
  return custom ? Number(custom[1]) : undefined;
}
