// Starts `faucet localnet` for the TypeScript and browser tests, the way `anchor test` starts a
// validator: on a free port, with ANCHOR_PROVIDER_URL and ANCHOR_WALLET set for
// `AnchorProvider.env()`. The JSON-RPC port plus one serves WebSocket subscriptions, where
// web3.js looks for them.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Keypair } from "@solana/web3.js";

export const REPO_ROOT = resolve(__dirname, "..", "..");
const BINARY = join(REPO_ROOT, "target", "debug", process.platform === "win32" ? "faucet.exe" : "faucet");

export interface Localnet {
  url: string;
  wsUrl: string;
  /** Keypair file of the provider wallet, funded by the tests. */
  walletPath: string;
  stop(): void;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once("error", () => done(false));
    server.listen(port, "127.0.0.1", () => server.close(() => done(true)));
  });
}

/** Finds a free port P whose neighbour P + 1 is free too, for the WebSocket. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 20_000) * 2;
    if ((await portIsFree(port)) && (await portIsFree(port + 1))) return port;
  }
  throw new Error("no two consecutive free ports between 20000 and 60000");
}

export async function startLocalnet(): Promise<Localnet> {
  const port = await freePortPair();
  const child: ChildProcess = spawn(BINARY, ["localnet", "--port", String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.once("error", (error) =>
      reject(new Error(`cannot start ${BINARY}: ${error.message}. Run \`cargo build -p faucet-cli\` first.`)),
    );
    child.once("exit", (code) => reject(new Error(`faucet localnet exited with status ${code}`)));
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /JSON-RPC URL: (\S+)/.exec(output);
      if (match && output.includes("WebSocket URL:")) resolveUrl(match[1]);
    });
  });
  child.removeAllListeners("exit");

  const dir = mkdtempSync(join(tmpdir(), "faucet-ts-"));
  const walletPath = join(dir, "wallet.json");
  writeFileSync(walletPath, JSON.stringify(Array.from(Keypair.generate().secretKey)));
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port + 1}`,
    walletPath,
    stop: () => child.kill("SIGINT"),
  };
}
