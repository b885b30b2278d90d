// The faucet through Anchor's TypeScript client, as a dApp or an Anchor user drives it: the IDL
// from idl/faucet.json, `program.methods`, `AnchorProvider.env()` (set up by
// tests/support/hooks.ts against `faucet localnet`).
import * as anchor from "@anchor-lang/core";
import { BN, Program } from "@anchor-lang/core";
import {
  ASSOCIATED_TOKEN_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  createMint,
  getAccount,
  getAssociatedTokenAddressSync,
  getOrCreateAssociatedTokenAccount,
  mintTo,
} from "@solana/spl-token";
import { Keypair, PublicKey, SystemProgram } from "@solana/web3.js";
import { strict as assert } from "node:assert";
import idl from "../idl/faucet.json";
import type { Faucet } from "../target/types/faucet";
import { NO_LIMITS, fundedWallet, openGate } from "./support/faucets";

const DECIMALS = 6;
const DRIP = new BN(10_000_000); // 10 tokens
const COOLDOWN_SECONDS = new BN(60);

describe("faucet (Anchor TypeScript client)", () => {
  const provider = () => anchor.AnchorProvider.env();
  let program: Program<Faucet>;
  let mint: PublicKey;
  let faucet: PublicKey;
  let vault: PublicKey;
  let claimer: Keypair;

  const claimRecord = (owner: PublicKey) =>
    PublicKey.findProgramAddressSync(
      [Buffer.from("claim"), faucet.toBuffer(), owner.toBuffer()],
      program.programId,
    )[0];

  const claim = (wallet: Keypair) =>
    program.methods
      .claim({ amount: null, allocation: null, proof: [], expectedDrip: DRIP })
      .accountsPartial({
        claimer: wallet.publicKey,
        payer: wallet.publicKey,
        faucet,
        mint,
        vault,
        claimRecord: claimRecord(wallet.publicKey),
        claimerTokenAccount: getAssociatedTokenAddressSync(mint, wallet.publicKey),
        claimAuthority: null,
        holderTokenAccount: null,
        tokenProgram: TOKEN_PROGRAM_ID,
        associatedTokenProgram: ASSOCIATED_TOKEN_PROGRAM_ID,
        systemProgram: SystemProgram.programId,
      })
      .signers([wallet]);

  before(async () => {
    anchor.setProvider(provider());
    program = new Program<Faucet>(idl as Faucet, provider());
    const payer = (provider().wallet as anchor.Wallet).payer;
    mint = await createMint(provider().connection, payer, payer.publicKey, null, DECIMALS);
    claimer = await fundedWallet();
  });

  it("creates a faucet at its PDA, resolved from the IDL's seeds", async () => {
    const faucetId = new BN(7);
    await program.methods
      .createFaucet({
        faucetId,
        dripAmount: DRIP,
        cooldownSeconds: COOLDOWN_SECONDS,
        limits: NO_LIMITS,
        allowedMintExtensions: 0,
        gate: openGate(),
      })
      .accounts({ creator: provider().wallet.publicKey, mint, tokenProgram: TOKEN_PROGRAM_ID })
      .rpc();

    [faucet] = PublicKey.findProgramAddressSync(
      [
        Buffer.from("faucet"),
        mint.toBuffer(),
        provider().wallet.publicKey.toBuffer(),
        faucetId.toArrayLike(Buffer, "le", 8),
      ],
      program.programId,
    );
    [vault] = PublicKey.findProgramAddressSync(
      [Buffer.from("vault"), faucet.toBuffer()],
      program.programId,
    );
    const state = await program.account.faucet.fetch(faucet);
    assert.ok(state.authority.equals(provider().wallet.publicKey));
    assert.ok(state.mint.equals(mint));
    assert.ok(state.vault.equals(vault));
    assert.equal(state.dripAmount.toString(), DRIP.toString());
    assert.equal(state.cooldownSeconds.toNumber(), 60);
    assert.equal(state.paused, false);
    assert.equal(state.claimCount.toNumber(), 0);
  });

  it("funds the vault from the creator's token account", async () => {
    const payer = (provider().wallet as anchor.Wallet).payer;
    const source = await getOrCreateAssociatedTokenAccount(
      provider().connection,
      payer,
      mint,
      payer.publicKey,
    );
    await mintTo(provider().connection, payer, mint, source.address, payer, 1_000_000_000n);
    await program.methods
      .fund(new BN(500_000_000))
      .accountsPartial({
        funder: payer.publicKey,
        faucet,
        mint,
        vault,
        source: source.address,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .rpc();

    assert.equal((await getAccount(provider().connection, vault)).amount, 500_000_000n);
    assert.equal((await getAccount(provider().connection, source.address)).amount, 500_000_000n);
  });

  it("pays one drip to a claimer and emits TokensClaimed", async () => {
    const signature = await claim(claimer).rpc();

    const destination = getAssociatedTokenAddressSync(mint, claimer.publicKey);
    assert.equal((await getAccount(provider().connection, destination)).amount, 10_000_000n);
    assert.equal((await getAccount(provider().connection, vault)).amount, 490_000_000n);
    const record = await program.account.claimRecord.fetch(claimRecord(claimer.publicKey));
    assert.equal(record.claimCount.toNumber(), 1);
    assert.equal(record.totalClaimed.toNumber(), 10_000_000);

    const transaction = await provider().connection.getTransaction(signature, {
      commitment: "confirmed",
      maxSupportedTransactionVersion: 0,
    });
    const parser = new anchor.EventParser(program.programId, program.coder);
    const events = [...parser.parseLogs(transaction!.meta!.logMessages!)];
    assert.deepEqual(
      events.map((event) => event.name),
      ["tokensClaimed"],
    );
    const event = events[0].data as Record<string, BN | PublicKey | boolean>;
    assert.ok((event.claimer as PublicKey).equals(claimer.publicKey));
    assert.equal((event.amount as BN).toNumber(), 10_000_000);
    assert.equal((event.fee as BN).toNumber(), 0);
    assert.equal(event.credited, false);
    assert.equal((event.claimerClaimCount as BN).toNumber(), 1);
    assert.equal(
      (event.nextClaimAt as BN).toNumber(),
      record.lastClaimAt.toNumber() + COOLDOWN_SECONDS.toNumber(),
    );
  });

  it("rejects a second claim within the cooldown with CooldownActive", async () => {
    const destination = getAssociatedTokenAddressSync(mint, claimer.publicKey);
    await assert.rejects(claim(claimer).rpc(), (error: unknown) =>
      expectAnchorError(error, "CooldownActive", 6004),
    );
    assert.equal((await getAccount(provider().connection, destination)).amount, 10_000_000n);
    assert.equal((await getAccount(provider().connection, vault)).amount, 490_000_000n);
  });

  it("rejects a claim while the faucet is paused with FaucetPaused", async () => {
    const newcomer = await fundedWallet();
    await program.methods.setPaused(true).accounts({ authority: provider().wallet.publicKey, faucet }).rpc();
    await assert.rejects(claim(newcomer).rpc(), (error: unknown) =>
      expectAnchorError(error, "FaucetPaused", 6003),
    );
    await program.methods.setPaused(false).accounts({ authority: provider().wallet.publicKey, faucet }).rpc();
    await claim(newcomer).rpc();
    assert.equal(
      (await getAccount(provider().connection, getAssociatedTokenAddressSync(mint, newcomer.publicKey))).amount,
      10_000_000n,
    );
  });

  it("delivers events to program.addEventListener over the WebSocket", async () => {
    const other = await fundedWallet();
    let listener: number | undefined;
    const received = new Promise<Record<string, unknown>>((resolveEvent) => {
      listener = program.addEventListener("tokensClaimed", (event) => resolveEvent(event));
    });
    // Let the subscription register before the claim lands.
    await new Promise((wait) => setTimeout(wait, 500));
    await claim(other).rpc();
    const event = await received;
    await program.removeEventListener(listener!);
    assert.ok((event.claimer as PublicKey).equals(other.publicKey));
    assert.equal((event.amount as BN).toNumber(), 10_000_000);
  });
});

/** Checks that `error` is Anchor's decoded error for the program's error `name` (`number`). */
function expectAnchorError(error: unknown, name: string, number: number): true {
  assert.ok(error instanceof anchor.AnchorError, `expected an AnchorError, got ${String(error)}`);
  assert.equal(error.error.errorCode.code, name);
  assert.equal(error.error.errorCode.number, number);
  assert.ok(error.program.equals(new PublicKey(idl.address)));
  return true;
}
