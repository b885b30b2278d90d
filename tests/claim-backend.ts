// The claim backend of app/server.ts over HTTP, with requests a script or a bot could send.
import { Keypair, Transaction } from "@solana/web3.js";
import { strict as assert } from "node:assert";
import { buildApp } from "../app/build";
import { startServer } from "../app/server";
import { claimInstruction, faucetProgram, loadFaucet } from "../app/src/faucet";
import { createFundedFaucet, fundedWallet, provider, type TestFaucet } from "./support/faucets";

describe("claim backend (app/server.ts)", () => {
  let faucet: TestFaucet;
  let sponsor: Keypair;
  let url: string;
  let close: () => Promise<void>;

  before(async () => {
    await buildApp();
    faucet = await createFundedFaucet();
    sponsor = await fundedWallet(2);
    ({ url, close } = await startServer({
      rpcUrl: process.env.ANCHOR_PROVIDER_URL!,
      faucet: faucet.address,
      sponsor,
      port: 0,
    }));
  });

  after(() => close());

  const post = (body: string) =>
    fetch(`${url}/api/claim`, { method: "POST", headers: { "content-type": "application/json" }, body });

  it("returns a transaction signed by the sponsor only", async () => {
    const claimer = Keypair.generate();
    const response = await post(JSON.stringify({ account: claimer.publicKey.toBase58() }));
    assert.equal(response.status, 200);
    const body = await response.json();
    const transaction = Transaction.from(Buffer.from(body.transaction, "base64"));

    assert.ok(transaction.feePayer!.equals(sponsor.publicKey));
    assert.equal(transaction.instructions.length, 1);
    assert.equal(transaction.instructions[0].programId.toBase58(), "J4pdAs2Dysj8vvaz61rPxZRhdTweM5QiWhUP3kZmPULe");
    const signed = transaction.signatures.filter((entry) => entry.signature !== null);
    assert.deepEqual(
      signed.map((entry) => entry.publicKey.toBase58()),
      [sponsor.publicKey.toBase58()],
    );
    assert.equal(body.blockhash, transaction.recentBlockhash);
  });

  it("limits requests per wallet", async () => {
    const claimer = Keypair.generate().publicKey.toBase58();
    assert.equal((await (await post(JSON.stringify({ account: claimer }))).json()).error, undefined);
    const again = await (await post(JSON.stringify({ account: claimer }))).json();
    assert.equal(again.status, 429);
    assert.match(again.error, /^Too many requests for this wallet: try again in (9|10) s\.$/);
  });

  it("rejects a wallet in cooldown with the next claim time", async () => {
    const claimer = await fundedWallet();
    const program = faucetProgram(provider().connection);
    const instruction = await claimInstruction(program, await loadFaucet(program, faucet.address), {
      claimer: claimer.publicKey,
      payer: claimer.publicKey,
    });
    await provider().sendAndConfirm(new Transaction().add(instruction), [claimer]);

    const response = await post(JSON.stringify({ account: claimer.publicKey.toBase58() }));
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.equal(body.status, 409);
    assert.equal(body.transaction, undefined);
    assert.match(body.error, /^You claimed recently: the next claim is allowed at \d{4}-\d\d-\d\dT/);
    assert.ok(body.nextClaimAt > Date.now() / 1000 + 50);
  });

  it("rejects malformed and oversized requests", async () => {
    const notAddress = await post(JSON.stringify({ account: "not-an-address" }));
    assert.equal(notAddress.status, 400);
    assert.equal((await notAddress.json()).error, '"account" must be a wallet address, got "not-an-address"');

    const programAddress = await post(JSON.stringify({ account: faucet.address.toBase58() }));
    assert.equal(programAddress.status, 400);
    assert.equal(
      (await programAddress.json()).error,
      `"account" ${faucet.address.toBase58()} is a program address, which cannot sign a claim`,
    );

    const notJson = await post("{");
    assert.equal(notJson.status, 400);
    assert.match((await notJson.json()).error, /^the request body is not JSON/);

    const oversized = await post(JSON.stringify({ account: "x".repeat(2000) }));
    assert.equal(oversized.status, 413);
  });

  it("refuses to start on a wrong faucet or co-signer", async () => {
    const rpcUrl = process.env.ANCHOR_PROVIDER_URL!;
    const notFaucet = Keypair.generate().publicKey;
    await assert.rejects(
      startServer({ rpcUrl, faucet: notFaucet, port: 0 }),
      new RegExp(`^Error: cannot load faucet ${notFaucet.toBase58()} from ${rpcUrl}: .*Check --rpc and --faucet\\.$`),
    );
    const cosigner = Keypair.generate();
    await assert.rejects(
      startServer({ rpcUrl, faucet: faucet.address, cosigner, port: 0 }),
      { message: `--cosigner ${cosigner.publicKey.toBase58()} is not the faucet's claim authority (the faucet has none)` },
    );
  });

  it("serves only the page's files", async () => {
    assert.equal((await fetch(`${url}/`)).status, 200);
    assert.equal((await fetch(`${url}/main.js`)).status, 200);
    const config = await (await fetch(`${url}/config.json`)).json();
    assert.equal(config.faucet, faucet.address.toBase58());
    assert.equal(config.backend, "/api");
    assert.equal(config.sponsored, true);
    for (const path of ["/package.json", "/..%2Fpackage.json", "/src/faucet.ts", "/api/claim"]) {
      assert.equal((await fetch(`${url}${path}`)).status, 404, path);
    }
  });
});
