// Mocha root hooks: one local node for the whole run, and a funded provider wallet.
import * as anchor from "@anchor-lang/core";
import { LAMPORTS_PER_SOL } from "@solana/web3.js";
import { startLocalnet, type Localnet } from "./localnet";

let node: Localnet | undefined;

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    node = await startLocalnet();
    process.env.ANCHOR_PROVIDER_URL = node.url;
    process.env.ANCHOR_WALLET = node.walletPath;
    const provider = anchor.AnchorProvider.env();
    const signature = await provider.connection.requestAirdrop(
      provider.wallet.publicKey,
      100 * LAMPORTS_PER_SOL,
    );
    await provider.connection.confirmTransaction(
      { signature, ...(await provider.connection.getLatestBlockhash()) },
      "confirmed",
    );
  },
};

// Stop the node when mocha exits (`exit: true` in .mocharc.json), after web3.js connections
// are gone, so their WebSocket clients do not log reconnection attempts.
process.on("exit", () => node?.stop());
