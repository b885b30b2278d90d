// Test set-up shared by the TypeScript suites: funded wallets, and a funded faucet on a new mint.
import * as anchor from "@anchor-lang/core";
import { BN, Program } from "@anchor-lang/core";
import {
  TOKEN_PROGRAM_ID,
  createMint,
  getOrCreateAssociatedTokenAccount,
  mintTo,
} from "@solana/spl-token";
import { Keypair, LAMPORTS_PER_SOL, PublicKey } from "@solana/web3.js";
import { IDL, faucetAddress } from "../../app/src/faucet";
import type { Faucet } from "../../target/types/faucet";

export function provider(): anchor.AnchorProvider {
  return anchor.AnchorProvider.env();
}

export function program(): Program<Faucet> {
  return new Program<Faucet>(IDL, provider());
}

/** Creates a wallet and airdrops it `sol` SOL, confirmed. */
export async function fundedWallet(sol = 1): Promise<Keypair> {
  const wallet = Keypair.generate();
  if (sol > 0) {
    const connection = provider().connection;
    const signature = await connection.requestAirdrop(wallet.publicKey, sol * LAMPORTS_PER_SOL);
    await connection.confirmTransaction(
      { signature, ...(await connection.getLatestBlockhash()) },
      "confirmed",
    );
  }
  return wallet;
}

/** Claim limits that turn caps, budget and window off. */
export const NO_LIMITS = {
  maxClaimsPerClaimer: new BN(0),
  maxAmountPerClaimer: new BN(0),
  budgetCapacity: new BN(0),
  budgetRefillAmount: new BN(0),
  budgetRefillPeriodSeconds: new BN(0),
  windowStart: new BN(0),
  windowEnd: new BN(0),
};

/** Returns a claim gate with every gate off, except `claimAuthority` when given. */
export function openGate(claimAuthority = PublicKey.default) {
  return {
    claimAuthority,
    merkleRoot: new Array(32).fill(0),
    holderMint: PublicKey.default,
    holderMinAmount: new BN(0),
    accrualThreshold: new BN(0),
  };
}

export interface TestFaucet {
  address: PublicKey;
  mint: PublicKey;
}

let nextFaucetId = 1n;

/**
 * Creates a faucet of 10-token drips (6 decimals) with a 60 s cooldown on a new SPL Token mint,
 * owned by the provider wallet, and funds it with 500 tokens.
 */
export async function createFundedFaucet(
  options: { claimAuthority?: PublicKey } = {},
): Promise<TestFaucet> {
  const connection = provider().connection;
  const authority = (provider().wallet as anchor.Wallet).payer;
  const mint = await createMint(connection, authority, authority.publicKey, null, 6);
  const faucetId = nextFaucetId++;
  await program()
    .methods.createFaucet({
      faucetId: new BN(faucetId.toString()),
      dripAmount: new BN(10_000_000),
      cooldownSeconds: new BN(60),
      limits: NO_LIMITS,
      allowedMintExtensions: 0,
      gate: openGate(options.claimAuthority),
    })
    .accounts({ creator: authority.publicKey, mint, tokenProgram: TOKEN_PROGRAM_ID })
    .rpc();
  const address = faucetAddress(mint, authority.publicKey, faucetId);
  const source = await getOrCreateAssociatedTokenAccount(connection, authority, mint, authority.publicKey);
  await mintTo(connection, authority, mint, source.address, authority, 500_000_000n);
  const state = await program().account.faucet.fetch(address);
  await program()
    .methods.fund(new BN(500_000_000))
    .accountsPartial({
      funder: authority.publicKey,
      faucet: address,
      mint,
      vault: state.vault,
      source: source.address,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .rpc();
  return { address, mint };
}

export async function setPaused(faucet: PublicKey, paused: boolean): Promise<void> {
  await program()
    .methods.setPaused(paused)
    .accounts({ authority: provider().wallet.publicKey, faucet })
    .rpc();
}
