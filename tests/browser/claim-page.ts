// The claim page in headless Chromium (Debian's, driven by playwright-core), served by
// app/server.ts against `faucet localnet`, with a test wallet registered through the wallet
// standard. Screenshots go to target/screenshots/.
import { getAccount, getAssociatedTokenAddressSync } from "@solana/spl-token";
import { Keypair, PublicKey, Transaction } from "@solana/web3.js";
import { strict as assert } from "node:assert";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildApp } from "../../app/build";
import { startServer } from "../../app/server";
import { claimInstruction, faucetProgram, loadFaucet } from "../../app/src/faucet";
import { REPO_ROOT } from "../support/localnet";
import {
  createFundedFaucet,
  fundedWallet,
  provider,
  setPaused,
  type TestFaucet,
} from "../support/faucets";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOTS = join(REPO_ROOT, "target", "screenshots");

describe("claim page (Chromium)", function () {
  let browser: Browser;
  let walletScript: string;
  const servers: { close(): Promise<void> }[] = [];
  /** Console errors and uncaught exceptions of every page, checked after each test. */
  let pageErrors: string[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install Debian's chromium package or set CHROMIUM_PATH`,
      );
    }
    await buildApp();
    walletScript = buildSync({
      entryPoints: [join(__dirname, "..", "support", "test-wallet.ts")],
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      define: { global: "globalThis" },
    }).outputFiles[0].text;
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });

  after(async () => {
    await browser?.close();
    await Promise.all(servers.map((server) => server.close()));
  });

  afterEach(() => {
    const errors = pageErrors;
    pageErrors = [];
    assert.deepEqual(errors, [], "the page logged errors");
  });

  async function serve(faucet: TestFaucet, extra: { sponsor?: Keypair; cosigner?: Keypair; tasksFile?: string } = {}) {
    const server = await startServer({
      rpcUrl: process.env.ANCHOR_PROVIDER_URL!,
      faucet: faucet.address,
      port: 0,
      ...extra,
    });
    servers.push(server);
    return server.url;
  }

  async function openPage(url: string, wallet: Keypair, viewport = { width: 1024, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => pageErrors.push(`exception: ${error.message}`));
    await page.addInitScript(
      `window.__testWallet = { secretKey: ${JSON.stringify(Array.from(wallet.secretKey))} };\n${walletScript}`,
    );
    await page.goto(url);
    await page.getByText("Open", { exact: true }).or(page.getByText("Paused", { exact: true })).waitFor();
    return page;
  }

  async function connect(page: Page): Promise<void> {
    await page.getByRole("button", { name: "Connect Test Wallet" }).click();
    await page.locator("#wallet-address").waitFor();
  }

  async function tokenBalance(faucet: TestFaucet, owner: PublicKey): Promise<bigint> {
    const account = getAssociatedTokenAddressSync(faucet.mint, owner);
    return (await getAccount(provider().connection, account)).amount;
  }

  it("connects, claims with the keyboard and links the transaction", async () => {
    const faucet = await createFundedFaucet();
    const wallet = await fundedWallet();
    const page = await openPage(await serve(faucet), wallet);

    assert.equal(await page.locator("#faucet-drip").textContent(), "10 tokens");
    assert.equal(await page.locator("#faucet-vault").textContent(), "500 tokens");
    assert.equal(await page.locator("#faucet-cooldown").textContent(), "1 min");
    assert.equal(await page.locator("#faucet-state").textContent(), "Open");
    assert.equal(await page.locator("#faucet-mint").textContent(), faucet.mint.toBase58());

    // Keyboard only: Tab to the wallet's button, Enter to connect, Enter on the focused claim button.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Connect Test Wallet");
    await page.keyboard.press("Enter");
    await page.locator("#wallet-address").waitFor();
    assert.equal(await page.locator("#wallet-address").textContent(), wallet.publicKey.toBase58());
    assert.equal(await page.locator("#wallet-next").textContent(), "Now");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "claim");
    await page.keyboard.press("Enter");

    const result = page.locator("#result");
    await result.waitFor();
    assert.match((await result.textContent())!, /^Claimed 10 tokens\. View the transaction$/);
    const link = await result.getByRole("link").getAttribute("href");
    assert.match(link!, /^https:\/\/explorer\.solana\.com\/tx\/[1-9A-HJ-NP-Za-km-z]{64,88}\?cluster=custom&customUrl=/);
    const signature = /tx\/([^?]+)/.exec(link!)![1];
    const status = await provider().connection.getSignatureStatus(signature);
    assert.equal(status.value?.err, null);

    assert.equal(await tokenBalance(faucet, wallet.publicKey), 10_000_000n);
    assert.equal(await page.locator("#faucet-vault").textContent(), "490 tokens");
    assert.equal(await page.locator("#wallet-claimed").textContent(), "10 tokens in 1 claim");
    assert.match((await page.locator("#wallet-next").textContent())!, /^in (1 min|5\d s) \(at /);
    assert.equal(await page.locator("#claim").isDisabled(), true);
    await page.screenshot({ path: join(SCREENSHOTS, "claim-succeeded.png"), fullPage: true });
  });

  it("shows the cooldown countdown when the chain rejects a claim", async () => {
    const faucet = await createFundedFaucet();
    const wallet = await fundedWallet();
    const page = await openPage(await serve(faucet), wallet);
    await connect(page);
    assert.equal(await page.locator("#claim").isEnabled(), true);

    // The same wallet claims elsewhere (another tab, a script) while this page shows "Now".
    const connection = provider().connection;
    const program = faucetProgram(connection);
    const view = await loadFaucet(program, faucet.address);
    const instruction = await claimInstruction(program, view, {
      claimer: wallet.publicKey,
      payer: wallet.publicKey,
    });
    const elsewhere = new Transaction().add(instruction);
    await provider().sendAndConfirm(elsewhere, [wallet]);

    await page.locator("#claim").click();
    const error = page.locator("#error");
    await error.waitFor();
    assert.equal(
      await error.textContent(),
      "You claimed recently. Wait for the countdown to end, then claim again.",
    );
    const countdown = page.locator("#wallet-next");
    assert.match((await countdown.textContent())!, /^in (1 min|5\d s) \(at /);
    const first = await countdown.textContent();
    await page.waitForFunction(
      (before) => document.getElementById("wallet-next")?.textContent !== before,
      first,
      { timeout: 5_000 },
    );
    assert.equal(await page.locator("#claim").isDisabled(), true);
    // Only the claim made elsewhere paid out.
    assert.equal(await tokenBalance(faucet, wallet.publicKey), 10_000_000n);
    await page.screenshot({ path: join(SCREENSHOTS, "claim-cooldown.png"), fullPage: true });
  });

  it("shows a paused faucet on a phone", async () => {
    const faucet = await createFundedFaucet();
    await setPaused(faucet.address, true);
    const wallet = await fundedWallet();
    const page = await openPage(await serve(faucet), wallet, { width: 390, height: 844 });
    await connect(page);

    assert.equal(await page.locator("#faucet-state").textContent(), "Paused");
    assert.equal(await page.locator("#wallet-next").textContent(), "When the faucet resumes");
    assert.equal(
      await page.locator("#claim-hint").textContent(),
      "The faucet is paused. Claims open again when its operator resumes it.",
    );
    assert.equal(await page.locator("#claim").isDisabled(), true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than a 390 px screen`);
    await page.screenshot({ path: join(SCREENSHOTS, "claim-paused-phone.png"), fullPage: true });
  });

  it("reports a declined signature", async () => {
    const faucet = await createFundedFaucet();
    const wallet = await fundedWallet();
    const page = await openPage(await serve(faucet), wallet);
    await connect(page);
    await page.evaluate(() => {
      window.__testWallet.reject = true;
    });

    await page.locator("#claim").click();
    await page.locator("#error").waitFor();
    assert.equal(
      await page.locator("#error").textContent(),
      "The wallet did not sign the claim. Nothing was sent.",
    );
    assert.equal(await page.locator("#claim").isEnabled(), true);
    const tokenAccount = await provider().connection.getAccountInfo(
      getAssociatedTokenAddressSync(faucet.mint, wallet.publicKey),
    );
    assert.equal(tokenAccount, null, "no transaction reached the chain");
  });

  it("explains a co-signed faucet without backend", async () => {
    const faucet = await createFundedFaucet({ claimAuthority: Keypair.generate().publicKey });
    const wallet = await fundedWallet();
    const page = await openPage(await serve(faucet), wallet);
    await connect(page);

    assert.equal(
      await page.locator("#claim-hint").textContent(),
      "This faucet needs the project's approval for each claim, and this page has no claim service.",
    );
    assert.equal(await page.locator("#claim").isDisabled(), true);
  });

  it("sponsors a claim for a wallet that holds no SOL", async () => {
    const faucet = await createFundedFaucet();
    const sponsor = await fundedWallet(2);
    const wallet = Keypair.generate();
    const sponsorBefore = await provider().connection.getBalance(sponsor.publicKey);
    const page = await openPage(await serve(faucet, { sponsor }), wallet);
    await connect(page);
    assert.equal(
      await page.locator("#claim-hint").textContent(),
      "Your wallet asks you to approve the transaction. The project pays the network fee.",
    );
    await page.locator("#claim").click();
    await page.locator("#result").waitFor();

    assert.equal(await tokenBalance(faucet, wallet.publicKey), 10_000_000n);
    assert.equal(await provider().connection.getBalance(wallet.publicKey), 0);
    // The sponsor paid the fee, the claim record's rent and the new token account's rent.
    assert.ok((await provider().connection.getBalance(sponsor.publicKey)) < sponsorBefore);
  });

  it("co-signs a claim only after the task check", async () => {
    const cosigner = Keypair.generate();
    const faucet = await createFundedFaucet({ claimAuthority: cosigner.publicKey });
    const wallet = await fundedWallet();
    const tasksFile = join(mkdtempSync(join(tmpdir(), "faucet-tasks-")), "done.txt");
    writeFileSync(tasksFile, "");
    const page = await openPage(await serve(faucet, { cosigner, tasksFile }), wallet);
    await connect(page);

    await page.locator("#claim").click();
    await page.locator("#error").waitFor();
    assert.equal(await page.locator("#error").textContent(), "Complete the task first, then claim again.");
    assert.equal(await page.evaluate(() => window.__testWallet.signed), 0);

    writeFileSync(tasksFile, `${wallet.publicKey.toBase58()}\n`);
    await page.locator("#claim").click();
    await page.locator("#result").waitFor();
    assert.equal(await tokenBalance(faucet, wallet.publicKey), 10_000_000n);
  });
});
