// Serves the claim page, its config.json, and, when given a sponsor or a co-signer key, the claim
// backend at POST /api/claim. The backend builds each claim transaction itself and signs only
// that: as fee payer (sponsored claims, so claimers need no SOL) and as the faucet's claim
// authority (co-signed claims, after the task check). The wallet adds the claimer's signature.
//
//   npx tsx app/server.ts --rpc http://127.0.0.1:8899 --faucet ADDRESS \
//     [--sponsor KEYPAIR] [--cosigner KEYPAIR --tasks FILE] [--port 3000]
import { Keypair, Connection, PublicKey, Transaction } from "@solana/web3.js";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { buildApp, DIST_DIR } from "./build";
import {
  BLOCKED_REASONS,
  chainTime,
  claimInstruction,
  claimStatus,
  faucetProgram,
  holderTokenAccount,
  loadClaimRecord,
  loadFaucet,
  type FaucetView,
} from "./src/faucet";

export interface ServerOptions {
  rpcUrl: string;
  wsUrl?: string;
  faucet: PublicKey;
  /** Pays fees and rent for claimers. */
  sponsor?: Keypair;
  /** The faucet's claim authority, for co-signed faucets. */
  cosigner?: Keypair;
  /** File listing the wallets that completed the task, one address per line. */
  tasksFile?: string;
  explorerCluster?: string;
  /** 0 picks a free port. */
  port: number;
}

/** Seconds a wallet waits between two transactions from the backend. */
const REQUEST_INTERVAL_SECONDS = 10;
const MAX_BODY_BYTES = 1024;
/** Wallets tracked by the request limit before entries older than the interval are dropped. */
const MAX_TRACKED_WALLETS = 10_000;

const STATIC_FILES: Record<string, string> = {
  "/": "index.html",
  "/index.html": "index.html",
  "/main.js": "main.js",
  "/main.js.map": "main.js.map",
  "/style.css": "style.css",
};
const CONTENT_TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  map: "application/json",
  css: "text/css; charset=utf-8",
};

class ClaimRejected extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly nextClaimAt?: number,
  ) {
    super(message);
  }
}

/**
 * Checks whether `wallet` completed the project's task.
 * NOTE: reads a list of addresses from a file. A project replaces this with its own check (a
 * database, a quest platform's API) and keeps the co-signer key on the server.
 */
function taskCompleted(tasksFile: string | undefined, wallet: PublicKey): boolean {
  if (!tasksFile) return false;
  return readFileSync(tasksFile, "utf8")
    .split(/\r?\n/)
    .some((line) => line.trim() === wallet.toBase58());
}

export async function startServer(
  options: ServerOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const connection = new Connection(options.rpcUrl, "confirmed");
  const program = faucetProgram(connection);
  // Fail at start, not on the first claim, when the node or the faucet is wrong.
  let faucetAtStart: FaucetView;
  try {
    faucetAtStart = await loadFaucet(program, options.faucet);
  } catch (error) {
    throw new Error(
      `cannot load faucet ${options.faucet.toBase58()} from ${options.rpcUrl}: ` +
        `${error instanceof Error ? error.message : error}. Check --rpc and --faucet.`,
    );
  }
  const authority = faucetAtStart.claimAuthority;
  if (options.cosigner && !authority?.equals(options.cosigner.publicKey)) {
    throw new Error(
      `--cosigner ${options.cosigner.publicKey.toBase58()} is not the faucet's claim authority ` +
        `(${authority ? authority.toBase58() : "the faucet has none"})`,
    );
  }
  const hasBackend = options.sponsor !== undefined || options.cosigner !== undefined;
  const lastRequest = new Map<string, number>();

  const config = JSON.stringify({
    rpcUrl: options.rpcUrl,
    wsUrl: options.wsUrl,
    faucet: options.faucet.toBase58(),
    backend: hasBackend ? "/api" : undefined,
    sponsored: options.sponsor !== undefined,
    explorerCluster: options.explorerCluster,
  });

  async function buildClaim(body: unknown) {
    const account = (body as { account?: unknown })?.account;
    let claimer: PublicKey;
    try {
      claimer = new PublicKey(String(account));
    } catch {
      throw new ClaimRejected(400, `"account" must be a wallet address, got ${JSON.stringify(account)}`);
    }
    if (!PublicKey.isOnCurve(claimer.toBytes())) {
      throw new ClaimRejected(400, `"account" ${claimer.toBase58()} is a program address, which cannot sign a claim`);
    }
    const faucet = await loadFaucet(program, options.faucet);
    const [record, now] = await Promise.all([
      loadClaimRecord(program, options.faucet, claimer),
      chainTime(connection),
    ]);
    const status = claimStatus(faucet, record, now);
    if (status.kind === "wait") {
      const words = status.reason === "cooldown" ? "You claimed recently" : "Claims have not opened yet";
      throw new ClaimRejected(
        409,
        `${words}: the next claim is allowed at ${new Date(status.nextClaimAt * 1000).toISOString()}.`,
        status.nextClaimAt,
      );
    }
    if (status.kind === "blocked") {
      throw new ClaimRejected(409, BLOCKED_REASONS[status.reason]);
    }
    if (faucet.claimAuthority) {
      if (!options.cosigner?.publicKey.equals(faucet.claimAuthority)) {
        throw new ClaimRejected(
          503,
          "The claim service cannot approve claims for this faucet: its co-signer key is not configured.",
        );
      }
      if (!taskCompleted(options.tasksFile, claimer)) {
        throw new ClaimRejected(403, "Complete the task first, then claim again.");
      }
    }
    const previous = lastRequest.get(claimer.toBase58()) ?? 0;
    const wait = previous + REQUEST_INTERVAL_SECONDS - Math.floor(Date.now() / 1000);
    if (wait > 0) {
      throw new ClaimRejected(429, `Too many requests for this wallet: try again in ${wait} s.`);
    }
    const requestedAt = Math.floor(Date.now() / 1000);
    if (lastRequest.size >= MAX_TRACKED_WALLETS) {
      for (const [wallet, at] of lastRequest) {
        if (at + REQUEST_INTERVAL_SECONDS <= requestedAt) lastRequest.delete(wallet);
      }
    }
    lastRequest.set(claimer.toBase58(), requestedAt);

    const payer = options.sponsor?.publicKey ?? claimer;
    const instruction = await claimInstruction(program, faucet, {
      claimer,
      payer,
      claimAuthority: faucet.claimAuthority ?? undefined,
      // The co-signer chooses the amount: here, the full drip for a completed task.
      amount: faucet.claimAuthority ? faucet.dripAmount : undefined,
      holderTokenAccount: await holderTokenAccount(connection, faucet, claimer),
    });
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash("confirmed");
    const transaction = new Transaction({ feePayer: payer, blockhash, lastValidBlockHeight }).add(
      instruction,
    );
    const signers = [options.sponsor, faucet.claimAuthority ? options.cosigner : undefined].filter(
      (signer): signer is Keypair => signer !== undefined,
    );
    transaction.partialSign(...signers);
    console.log(
      `signed a claim for ${claimer.toBase58()} as ${signers.map((signer) => signer.publicKey.toBase58()).join(" and ")}`,
    );
    return {
      transaction: transaction
        .serialize({ requireAllSignatures: false, verifySignatures: false })
        .toString("base64"),
      blockhash,
      lastValidBlockHeight,
    };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method === "GET" && path === "/config.json") {
      return send(response, 200, "application/json", config);
    }
    if (request.method === "GET" && STATIC_FILES[path]) {
      const file = STATIC_FILES[path];
      const type = CONTENT_TYPES[file.split(".").pop()!];
      return send(response, 200, type, readFileSync(join(DIST_DIR, file)));
    }
    if (request.method === "POST" && path === "/api/claim" && hasBackend) {
      try {
        const body = JSON.parse(await readBody(request));
        return sendJson(response, 200, await buildClaim(body));
      } catch (error) {
        if (error instanceof ClaimRejected) {
          // A rejection is the outcome of a valid request, so it is sent with 200 and the reason
          // in `error` and `status`, because browsers log every 4xx response as a console
          // error. Malformed and oversized requests get their 4xx status.
          console.log(`claim rejected (${error.status}) from ${request.socket.remoteAddress}: ${error.message}`);
          const status = error.status === 400 || error.status === 413 ? error.status : 200;
          return sendJson(response, status, {
            error: error.message,
            status: error.status,
            nextClaimAt: error.nextClaimAt,
          });
        }
        if (error instanceof SyntaxError) {
          console.log(`claim request from ${request.socket.remoteAddress} is not JSON: ${error.message}`);
          return sendJson(response, 400, { error: `the request body is not JSON: ${error.message}`, status: 400 });
        }
        console.error(`claim request from ${request.socket.remoteAddress} failed:`, error);
        return sendJson(response, 500, { error: "The claim service failed. Try again shortly." });
      }
    }
    if (path === "/api/claim") {
      return sendJson(response, 404, {
        error: "this server runs no claim backend: start it with --sponsor or --cosigner",
        status: 404,
      });
    }
    send(response, 404, "text/plain; charset=utf-8", `not found: ${request.method} ${path}`);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      console.error(error);
      if (!response.headersSent) send(response, 500, "text/plain; charset=utf-8", "internal error");
    });
  });
  await new Promise<void>((listening, failed) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      failed(
        error.code === "EADDRINUSE"
          ? new Error(`port ${options.port} on 127.0.0.1 is in use: pass another --port`)
          : error,
      ),
    );
    server.listen(options.port, "127.0.0.1", listening);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((closed) => server.close(() => closed())),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let body = "";
    let oversized = false;
    request.on("data", (chunk: Buffer) => {
      if (oversized) return;
      body += chunk.toString();
      if (body.length > MAX_BODY_BYTES) {
        // Keep reading and dropping the rest, so the client receives the 413 response.
        oversized = true;
        reject(new ClaimRejected(413, `request body over ${MAX_BODY_BYTES} bytes: send {"account": ADDRESS}`));
      }
    });
    request.on("end", () => resolveBody(body));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    "content-type": type,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, "application/json", JSON.stringify(body));
}

const FLAGS = ["rpc", "ws", "faucet", "sponsor", "cosigner", "tasks", "explorer-cluster", "port"];

function keypairFrom(flag: string, path: string): Keypair {
  try {
    return Keypair.fromSecretKey(Uint8Array.from(JSON.parse(readFileSync(path, "utf8"))));
  } catch (error) {
    throw new Error(
      `--${flag} ${path}: cannot read a keypair file (${error instanceof Error ? error.message : error}). ` +
        "Create one with `faucet keygen --outfile PATH`.",
    );
  }
}

function parseArguments(argv: string[]): ServerOptions {
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 2) {
    const [flag, value] = [argv[index], argv[index + 1]];
    const name = flag.startsWith("--") ? flag.slice(2) : "";
    if (!FLAGS.includes(name)) {
      throw new Error(`unknown option ${JSON.stringify(flag)}: expected ${FLAGS.map((known) => `--${known}`).join(", ")}`);
    }
    if (value === undefined) throw new Error(`${flag} needs a value`);
    values.set(name, value);
  }
  const faucet = values.get("faucet");
  if (!faucet) throw new Error("--faucet ADDRESS is required");
  let faucetKey: PublicKey;
  try {
    faucetKey = new PublicKey(faucet);
  } catch {
    throw new Error(`--faucet ${faucet}: not an address. Pass the address that \`faucet create\` printed.`);
  }
  const port = Number(values.get("port") ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port ${values.get("port")}: expected a port number from 0 to 65535`);
  }
  return {
    rpcUrl: values.get("rpc") ?? "http://127.0.0.1:8899",
    wsUrl: values.get("ws"),
    faucet: faucetKey,
    sponsor: values.has("sponsor") ? keypairFrom("sponsor", values.get("sponsor")!) : undefined,
    cosigner: values.has("cosigner") ? keypairFrom("cosigner", values.get("cosigner")!) : undefined,
    tasksFile: values.get("tasks"),
    explorerCluster: values.get("explorer-cluster"),
    port,
  };
}

if (require.main === module) {
  (async () => {
    const options = parseArguments(process.argv.slice(2));
    await buildApp();
    const { url } = await startServer(options);
    console.log(`Claim page: ${url}/ (faucet ${options.faucet.toBase58()} on ${options.rpcUrl})`);
    if (options.sponsor) console.log(`Sponsor (pays fees and rent): ${options.sponsor.publicKey.toBase58()}`);
    if (options.cosigner) console.log(`Co-signer (claim authority): ${options.cosigner.publicKey.toBase58()}`);
  })().catch((error) => {
    console.error(`error: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
