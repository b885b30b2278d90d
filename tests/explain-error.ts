// explainError in app/src/faucet.ts: the shapes a failed claim takes in web3.js, Anchor and
// wallets, mapped to the program's error or to plain words.
import * as anchor from "@anchor-lang/core";
import { strict as assert } from "node:assert";
import { explainError } from "../app/src/faucet";

describe("explainError", () => {
  it("reads a preflight failure message", () => {
    const error = new Error(
      "Transaction simulation failed: Error processing Instruction 0: custom program error: 0x1774",
    );
    assert.deepEqual(explainError(error), {
      code: 6004,
      name: "CooldownActive",
      text: "You claimed recently. Wait for the countdown to end, then claim again.",
    });
  });

  it("reads a confirmed transaction's err", () => {
    const explained = explainError({ InstructionError: [0, { Custom: 6003 }] });
    assert.equal(explained.name, "FaucetPaused");
    assert.equal(explained.code, 6003);
  });

  it("reads Anchor's ProgramError", () => {
    const explained = explainError(new anchor.ProgramError(6021, "Global budget exhausted"));
    assert.equal(explained.name, "BudgetExhausted");
  });

  it("uses the IDL message without plain words", () => {
    const explained = explainError({ InstructionError: [0, { Custom: 6013 }] });
    assert.equal(explained.name, "MathOverflow");
    assert.equal(explained.text, "Arithmetic overflow: a counter would exceed u64::MAX.");
  });

  it("treats a wallet's 4001 as declined", () => {
    const declined = Object.assign(new Error("User rejected the request."), { code: 4001 });
    assert.deepEqual(explainError(declined), {
      text: "The wallet did not sign the claim. Nothing was sent.",
    });
  });

  it("explains a wallet without SOL", () => {
    const error = new Error("Attempt to debit an account but found no record of a prior credit.");
    assert.equal(
      explainError(error).text,
      "This wallet has no SOL for the transaction fee. Add a little SOL and retry.",
    );
  });
});
