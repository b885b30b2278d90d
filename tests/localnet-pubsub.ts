// The local node's WebSocket subscriptions, spoken to directly in JSON-RPC, as a wallet or an
// indexer would.
import { Keypair, LAMPORTS_PER_SOL } from "@solana/web3.js";
import { strict as assert } from "node:assert";
import WebSocket from "ws";
import { provider } from "./support/faucets";

/** A JSON-RPC connection over WebSocket that collects every message it receives. */
class PubsubClient {
  private readonly messages: Record<string, unknown>[] = [];
  private nextId = 1;

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data) => this.messages.push(JSON.parse(data.toString())));
  }

  static async open(): Promise<PubsubClient> {
    const url = new URL(process.env.ANCHOR_PROVIDER_URL!);
    url.protocol = "ws:";
    url.port = String(Number(url.port) + 1);
    const socket = new WebSocket(url);
    await new Promise((opened, failed) => socket.once("open", opened).once("error", failed));
    return new PubsubClient(socket);
  }

  /** Sends a request and returns its reply. */
  async request(method: string, params: unknown[] = []): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    return this.waitFor((message) => message.id === id);
  }

  /** Waits up to 5 s for a message that `matches`, and returns it. */
  async waitFor(matches: (message: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const found = this.messages.find(matches);
      if (found) return found;
      await new Promise((wait) => setTimeout(wait, 20));
    }
    throw new Error(`no matching message within 5 s; received ${JSON.stringify(this.messages)}`);
  }

  notifications(method: string, subscription: unknown): Record<string, unknown>[] {
    return this.messages.filter(
      (message) =>
        message.method === method &&
        (message.params as { subscription: unknown }).subscription === subscription,
    );
  }

  close(): void {
    this.socket.close();
  }
}

describe("faucet localnet WebSocket", () => {
  let client: PubsubClient;

  beforeEach(async () => {
    client = await PubsubClient.open();
  });

  afterEach(() => client.close());

  it("notifies new slots until unsubscribed", async () => {
    const { result: subscription } = await client.request("slotSubscribe");
    const first = await client.waitFor((message) => message.method === "slotNotification");
    const slot = (first.params as { result: { slot: number } }).result.slot;
    await client.waitFor(
      (message) =>
        message.method === "slotNotification" &&
        (message.params as { result: { slot: number } }).result.slot > slot,
    );

    assert.equal((await client.request("slotUnsubscribe", [subscription])).result, true);
    assert.equal((await client.request("slotUnsubscribe", [subscription])).result, false);
  });

  it("notifies a processed signature once, even when it landed first", async () => {
    const connection = provider().connection;
    const signature = await connection.requestAirdrop(Keypair.generate().publicKey, LAMPORTS_PER_SOL);
    const reply = await client.request("signatureSubscribe", [signature, { commitment: "confirmed" }]);

    const notification = await client.waitFor((message) => message.method === "signatureNotification");
    assert.deepEqual(notification.params, {
      result: {
        context: { slot: (await connection.getSignatureStatus(signature)).value!.slot },
        value: { err: null },
      },
      subscription: reply.result,
    });
    // The subscription ended with its notification.
    assert.equal((await client.request("signatureUnsubscribe", [reply.result])).result, false);
  });

  it("sends the logs of transactions that mention an address", async () => {
    const watched = Keypair.generate().publicKey;
    const { result: subscription } = await client.request("logsSubscribe", [
      { mentions: [watched.toBase58()] },
      { commitment: "confirmed" },
    ]);
    const connection = provider().connection;
    await connection.requestAirdrop(Keypair.generate().publicKey, LAMPORTS_PER_SOL);
    const signature = await connection.requestAirdrop(watched, LAMPORTS_PER_SOL);

    const notification = await client.waitFor((message) => message.method === "logsNotification");
    const value = (notification.params as { result: { value: Record<string, unknown> } }).result.value;
    assert.equal(value.signature, signature);
    assert.equal(value.err, null);
    assert.deepEqual(value.logs, [
      "Program 11111111111111111111111111111111 invoke [1]",
      "Program 11111111111111111111111111111111 success",
    ]);
    assert.equal(client.notifications("logsNotification", subscription).length, 1);
  });

  it("rejects unknown methods and bad parameters with JSON-RPC errors", async () => {
    assert.deepEqual((await client.request("accountSubscribe", ["x"])).error, {
      code: -32601,
      message: "Method not found",
    });
    assert.deepEqual((await client.request("signatureSubscribe", ["not-a-signature"])).error, {
      code: -32602,
      message: "invalid signature: failed to decode string to signature",
    });
    assert.deepEqual((await client.request("logsSubscribe", ["everything"])).error, {
      code: -32602,
      message: 'unknown logs filter "everything": use "all" or {"mentions": [ADDRESS]}',
    });
    assert.deepEqual((await client.request("slotUnsubscribe", [])).error, {
      code: -32602,
      message: "expected a subscription id",
    });
  });
});
