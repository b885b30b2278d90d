// migrations/deploy.ts, called the way `anchor migrate` calls it: with the provider.
import * as anchor from "@anchor-lang/core";
import {
  createMint,
  getAccount,
  getOrCreateAssociatedTokenAccount,
  mintTo,
} from "@solana/spl-token";
import { PublicKey } from "@solana/web3.js";
import { strict as assert } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { faucetAddress, faucetProgram, loadFaucet } from "../app/src/faucet";
import { provider } from "./support/faucets";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const deploy: (provider: anchor.AnchorProvider) => Promise<PublicKey> = require("../migrations/deploy");

describe("migrations/deploy.ts", () => {
  const dir = mkdtempSync(join(tmpdir(), "faucet-deploy-"));
  const configPath = join(dir, "faucet.config.json");
  let mint: PublicKey;
  let source: PublicKey;

  before(async () => {
    const payer = (provider().wallet as anchor.Wallet).payer;
    mint = await createMint(provider().connection, payer, payer.publicKey, null, 9);
    source = (await getOrCreateAssociatedTokenAccount(provider().connection, payer, mint, payer.publicKey)).address;
    await mintTo(provider().connection, payer, mint, source, payer, 5_000_000_000_000n);
    process.env.FAUCET_CONFIG = configPath;
  });

  after(() => {
    delete process.env.FAUCET_CONFIG;
  });

  function writeConfig(fields: Record<string, unknown>): void {
    writeFileSync(configPath, JSON.stringify({ mint: mint.toBase58(), ...fields }));
  }

  it("creates the faucet from the config and funds the vault", async () => {
    writeConfig({ faucetId: 3, drip: "2.5", cooldownSeconds: 3600, fundTo: "1000", maxClaimsPerClaimer: 4 });
    const faucet = await deploy(provider());

    assert.ok(faucet.equals(faucetAddress(mint, provider().wallet.publicKey, 3n)));
    const view = await loadFaucet(faucetProgram(provider().connection), faucet);
    assert.equal(view.dripAmount, 2_500_000_000n);
    assert.equal(view.cooldownSeconds, 3600);
    assert.equal(view.maxClaimsPerClaimer, 4n);
    assert.equal(view.vaultBalance, 1_000_000_000_000n);
    assert.equal((await getAccount(provider().connection, source)).amount, 4_000_000_000_000n);
  });

  it("keeps the faucet and tops the vault up to fundTo when run again", async () => {
    writeConfig({ faucetId: 3, drip: "2.5", cooldownSeconds: 3600, fundTo: "1500" });
    const faucet = await deploy(provider());

    const view = await loadFaucet(faucetProgram(provider().connection), faucet);
    assert.equal(view.vaultBalance, 1_500_000_000_000n);
    assert.equal(view.maxClaimsPerClaimer, 4n);
    assert.equal((await getAccount(provider().connection, source)).amount, 3_500_000_000_000n);
  });

  it("names the field when the config is wrong, before sending anything", async () => {
    writeConfig({ faucetId: 4, drip: "0.0000000001", cooldownSeconds: 60 });
    await assert.rejects(deploy(provider()), /amount 0\.0000000001: the mint has 9 decimals/);
    writeFileSync(configPath, JSON.stringify({ mint: "not-an-address", drip: "1", cooldownSeconds: 60 }));
    await assert.rejects(deploy(provider()), /"mint" is not an address: "not-an-address"/);
    writeFileSync(configPath, JSON.stringify({ mint: mint.toBase58(), drip: "1" }));
    await assert.rejects(deploy(provider()), /"cooldownSeconds" is required/);
    const untouched = faucetAddress(mint, provider().wallet.publicKey, 4n);
    assert.equal(await provider().connection.getAccountInfo(untouched), null);
  });
});
