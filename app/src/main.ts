// The claim page: finds wallets through the wallet standard, shows the faucet and the connected
// wallet's status, and sends `claim`. Configured by `config.json` next to the page (written by
// app/server.ts), with `?faucet=` and `?rpc=` overriding it.
import "./polyfills";
import type { Program } from "@anchor-lang/core";
import { Connection, PublicKey, Transaction } from "@solana/web3.js";
import { getWallets } from "@wallet-standard/app";
import type { Wallet, WalletAccount } from "@wallet-standard/base";
import type { Faucet } from "../../target/types/faucet";
import {
  BLOCKED_REASONS,
  chainTime,
  claimInstruction,
  claimStatus,
  explainError,
  faucetProgram,
  formatAmount,
  holderTokenAccount,
  loadClaimRecord,
  loadFaucet,
  type ClaimRecordView,
  type ClaimStatus,
  type FaucetView,
} from "./faucet";

interface PageConfig {
  rpcUrl: string;
  /** WebSocket URL, when it is not the JSON-RPC port plus one. */
  wsUrl?: string;
  faucet: string;
  /** Base URL of the claim backend (sponsored or co-signed claims), or absent. */
  backend?: string;
  /** True when the backend pays claimers' fees and rent. */
  sponsored?: boolean;
  /** Explorer cluster name; a local node is linked as a custom cluster. */
  explorerCluster?: string;
}

interface SignTransactionFeature {
  signTransaction(
    ...inputs: { account: WalletAccount; transaction: Uint8Array; chain?: string }[]
  ): Promise<{ signedTransaction: Uint8Array }[]>;
}
interface ConnectFeature {
  connect(input?: { silent?: boolean }): Promise<{ accounts: readonly WalletAccount[] }>;
}
interface DisconnectFeature {
  disconnect(): Promise<void>;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const page = {
  config: undefined as PageConfig | undefined,
  connection: undefined as Connection | undefined,
  program: undefined as Program<Faucet> | undefined,
  faucet: undefined as FaucetView | undefined,
  record: null as ClaimRecordView | null,
  /** Chain time minus local time, in seconds, so countdowns follow the chain's clock. */
  clockSkew: 0,
  wallet: undefined as Wallet | undefined,
  account: undefined as WalletAccount | undefined,
  busy: false,
};

async function loadConfig(): Promise<PageConfig> {
  const response = await fetch("config.json", { cache: "no-store" });
  const config: PageConfig = response.ok
    ? await response.json()
    : { rpcUrl: "http://127.0.0.1:8899", faucet: "" };
  const query = new URLSearchParams(location.search);
  config.faucet = query.get("faucet") ?? config.faucet;
  config.rpcUrl = query.get("rpc") ?? config.rpcUrl;
  return config;
}

function walletChain(): string {
  const cluster = page.config?.explorerCluster;
  return cluster ? `solana:${cluster}` : "solana:localnet";
}

function localNow(): number {
  return Math.floor(Date.now() / 1000);
}

function chainNow(): number {
  return localNow() + page.clockSkew;
}

function tokens(baseUnits: bigint): string {
  const faucet = page.faucet!;
  return `${formatAmount(baseUnits, faucet.decimals)} ${baseUnits === 10n ** BigInt(faucet.decimals) ? "token" : "tokens"}`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const parts: string[] = [];
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const rest = seconds % 60;
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes) parts.push(`${minutes} min`);
  if (rest && !days) parts.push(`${rest} s`);
  return parts.join(" ");
}

async function refresh(): Promise<void> {
  const { program, config } = page;
  if (!program || !config) return;
  const address = new PublicKey(config.faucet);
  const [faucet, now] = await Promise.all([
    loadFaucet(program, address),
    chainTime(program.provider.connection),
  ]);
  page.faucet = faucet;
  page.clockSkew = now - localNow();
  page.record = page.account
    ? await loadClaimRecord(program, address, new PublicKey(page.account.address))
    : null;
  render();
}

function status(): ClaimStatus | undefined {
  return page.faucet ? claimStatus(page.faucet, page.record, chainNow()) : undefined;
}

const NEXT_WHEN_BLOCKED: Record<string, string> = {
  paused: "When the faucet resumes",
  closed: "None: claims have closed",
  cap: "None: limit reached",
  empty: "After a refill",
};

function render(): void {
  const faucet = page.faucet;
  if (faucet) {
    $("faucet-address").textContent = faucet.address.toBase58();
    $("faucet-mint").textContent = faucet.mint.toBase58();
    $("faucet-drip").textContent = tokens(faucet.dripAmount);
    $("faucet-vault").textContent = tokens(faucet.vaultBalance);
    $("faucet-cooldown").textContent = duration(faucet.cooldownSeconds);
    $("faucet-state").textContent = faucet.paused ? "Paused" : "Open";
  }
  const connected = page.account !== undefined;
  $("wallet-choices").hidden = connected;
  $("wallet-connected").hidden = !connected;
  $("wallet-facts").hidden = !connected || !faucet;
  if (connected) {
    $("wallet-address").textContent = page.account!.address;
  }
  renderCountdown();
}

/** Returns why this page cannot claim from `faucet`, or undefined when it can. */
function unsupportedReason(faucet: FaucetView): string | undefined {
  // NOTE: allowlist claims need the wallet's allocation and Merkle proof, which the page has no
  // source for yet. The CLI claims with `faucet claim --allowlist FILE`.
  if (faucet.hasAllowlist) {
    return "This faucet is for wallets on its allowlist, and this page cannot prove a listing yet.";
  }
  if (faucet.claimAuthority && !page.config?.backend) {
    return "This faucet needs the project's approval for each claim, and this page has no claim service.";
  }
  return undefined;
}

/** Updates the parts that change with time: the countdown and the claim button. */
function renderCountdown(): void {
  const faucet = page.faucet;
  const button = $<HTMLButtonElement>("claim");
  const hint = $("claim-hint");
  if (!faucet) return;
  button.textContent = `Claim ${tokens(faucet.dripAmount)}`;
  const current = status()!;
  if (page.account) {
    const claimed = page.record?.totalClaimed ?? 0n;
    const count = page.record?.claimCount ?? 0n;
    $("wallet-claimed").textContent = `${tokens(claimed)} in ${count} ${count === 1n ? "claim" : "claims"}`;
    const next = $("wallet-next");
    if (current.kind === "ready") next.textContent = "Now";
    else if (current.kind === "wait") {
      const at = new Date(current.nextClaimAt * 1000).toLocaleTimeString();
      next.textContent = `in ${duration(current.nextClaimAt - chainNow())} (at ${at})`;
    } else next.textContent = NEXT_WHEN_BLOCKED[current.reason];
  }
  const unsupported = unsupportedReason(faucet);
  if (unsupported) {
    hint.textContent = unsupported;
  } else if (!page.account) {
    hint.textContent = "Connect a wallet to claim.";
  } else if (current.kind === "ready") {
    const approval = faucet.claimAuthority
      ? "The project checks your task and approves the claim."
      : "Your wallet asks you to approve the transaction.";
    hint.textContent = page.config?.sponsored ? `${approval} The project pays the network fee.` : approval;
  } else if (current.kind === "wait") {
    hint.textContent =
      current.reason === "cooldown"
        ? "You claimed recently. The button turns on when the countdown ends."
        : "Claims have not opened yet. The button turns on when they open.";
  } else {
    hint.textContent = BLOCKED_REASONS[current.reason];
  }
  button.disabled =
    page.busy || !page.account || current.kind !== "ready" || unsupported !== undefined;
}

function showProgress(text: string): void {
  $("progress").textContent = text;
}

function showError(text: string): void {
  const error = $("error");
  error.textContent = text;
  error.hidden = false;
}

function clearMessages(): void {
  $("error").hidden = true;
  $("result").hidden = true;
  $("progress").textContent = "";
}

function explorerLink(signature: string): string {
  const { config } = page;
  const cluster = config?.explorerCluster;
  const query =
    cluster && cluster !== "localnet"
      ? cluster === "mainnet-beta"
        ? ""
        : `?cluster=${cluster}`
      : `?cluster=custom&customUrl=${encodeURIComponent(config!.rpcUrl)}`;
  return `https://explorer.solana.com/tx/${signature}${query}`;
}

/** A rejection from the claim backend, whose message is already in plain words. */
class ClaimRejected extends Error {}

/** Builds the claim transaction for the wallet to sign, here or through the backend when there is one. */
async function claimTransaction(
  claimer: PublicKey,
): Promise<{ bytes: Uint8Array; blockhash: string; lastValidBlockHeight: number }> {
  const { config, connection, program, faucet } = page;
  if (config!.backend) {
    const response = await fetch(`${config!.backend}/claim`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ account: claimer.toBase58() }),
    });
    const body = await response.json();
    if (!response.ok || body.error) {
      throw new ClaimRejected(body.error ?? `The claim service returned HTTP ${response.status}.`);
    }
    return {
      bytes: Uint8Array.from(atob(body.transaction), (c) => c.charCodeAt(0)),
      blockhash: body.blockhash,
      lastValidBlockHeight: body.lastValidBlockHeight,
    };
  }
  const { blockhash, lastValidBlockHeight } = await connection!.getLatestBlockhash("confirmed");
  const instruction = await claimInstruction(program!, faucet!, {
    claimer,
    payer: claimer,
    holderTokenAccount: await holderTokenAccount(connection!, faucet!, claimer),
  });
  const transaction = new Transaction({ feePayer: claimer, blockhash, lastValidBlockHeight }).add(
    instruction,
  );
  return {
    bytes: transaction.serialize({ requireAllSignatures: false, verifySignatures: false }),
    blockhash,
    lastValidBlockHeight,
  };
}

async function claim(): Promise<void> {
  const { wallet, account, connection } = page;
  if (!wallet || !account || !connection || !page.faucet) return;
  page.busy = true;
  clearMessages();
  renderCountdown();
  const claimer = new PublicKey(account.address);
  const before = page.record?.totalClaimed ?? 0n;
  try {
    showProgress(page.config!.backend ? "Asking the project to approve the claim…" : "Preparing the claim…");
    const { bytes, blockhash, lastValidBlockHeight } = await claimTransaction(claimer);
    showProgress("Waiting for your wallet to approve…");
    const feature = wallet.features["solana:signTransaction"] as SignTransactionFeature;
    const [{ signedTransaction }] = await feature.signTransaction({
      account,
      transaction: bytes,
      chain: walletChain(),
    });
    showProgress("Sending the claim…");
    const signature = await connection.sendRawTransaction(signedTransaction);
    showProgress("Confirming on-chain…");
    const confirmation = await connection.confirmTransaction(
      { signature, blockhash, lastValidBlockHeight },
      "confirmed",
    );
    if (confirmation.value.err) throw confirmation.value.err;
    await refresh();
    finishClaim();
    const received = (page.record?.totalClaimed ?? before) - before;
    const result = $("result");
    const credited = page.faucet.accrualThreshold > 0n;
    result.replaceChildren(
      credited ? `Credited ${tokens(received)} to your balance at the faucet. ` : `Claimed ${tokens(received)}. `,
      Object.assign(document.createElement("a"), {
        href: explorerLink(signature),
        textContent: "View the transaction",
        target: "_blank",
        rel: "noopener",
      }),
    );
    result.hidden = false;
  } catch (error) {
    const text = error instanceof ClaimRejected ? error.message : explainError(error).text;
    // Refresh first, so the countdown and the button are current when the message appears.
    await refresh().catch(() => undefined);
    finishClaim();
    showError(text);
  }
}

/** Ends a claim attempt: clears the progress line and turns the button back on if it applies. */
function finishClaim(): void {
  page.busy = false;
  showProgress("");
  renderCountdown();
}

function canClaimWith(wallet: Wallet): boolean {
  return (
    "standard:connect" in wallet.features &&
    "solana:signTransaction" in wallet.features &&
    wallet.chains.some((chain) => chain.startsWith("solana:"))
  );
}

function renderWallets(wallets: readonly Wallet[]): void {
  const usable = wallets.filter(canClaimWith);
  const choices = $("wallet-choices");
  choices.replaceChildren(
    ...usable.map((wallet) => {
      const button = document.createElement("button");
      button.type = "button";
      const icon = document.createElement("img");
      icon.src = wallet.icon;
      icon.alt = "";
      button.append(icon, `Connect ${wallet.name}`);
      button.addEventListener("click", () => connect(wallet));
      return button;
    }),
  );
  $("no-wallet").hidden = usable.length > 0;
}

async function connect(wallet: Wallet): Promise<void> {
  clearMessages();
  try {
    const { accounts } = await (wallet.features["standard:connect"] as ConnectFeature).connect();
    if (accounts.length === 0) throw new Error("the wallet returned no account");
    page.wallet = wallet;
    page.account = accounts[0];
    await refresh();
    $("claim").focus();
  } catch (error) {
    showError(`Could not connect ${wallet.name}: ${error instanceof Error ? error.message : error}`);
  }
}

async function disconnect(): Promise<void> {
  const feature = page.wallet?.features["standard:disconnect"] as DisconnectFeature | undefined;
  await feature?.disconnect().catch(() => undefined);
  page.wallet = undefined;
  page.account = undefined;
  page.record = null;
  clearMessages();
  render();
}

async function start(): Promise<void> {
  const wallets = getWallets();
  renderWallets(wallets.get());
  wallets.on("register", () => renderWallets(wallets.get()));
  wallets.on("unregister", () => renderWallets(wallets.get()));
  $("claim").addEventListener("click", () => void claim());
  $("disconnect").addEventListener("click", () => void disconnect());

  page.config = await loadConfig();
  if (!page.config.faucet) {
    showError("No faucet is configured: open this page with ?faucet=ADDRESS.");
    return;
  }
  page.connection = new Connection(page.config.rpcUrl, {
    commitment: "confirmed",
    wsEndpoint: page.config.wsUrl,
  });
  page.program = faucetProgram(page.connection);
  try {
    await refresh();
  } catch (error) {
    showError(
      `Could not load faucet ${page.config.faucet} from ${page.config.rpcUrl}: ${error instanceof Error ? error.message : error}`,
    );
    return;
  }
  setInterval(renderCountdown, 1_000);
  // Vault balance and pause state change under other people's claims and the operator.
  setInterval(() => void refresh().catch(() => undefined), 15_000);
}

void start();
