// Writes target/types/faucet.ts from idl/faucet.json, as `anchor build` does: the IDL as a
// TypeScript type, with names in camelCase, for `Program<Faucet>`. Run by `npm run idl:types`,
// and by `npm run typecheck` first.
import { convertIdlToCamelCase } from "@anchor-lang/core";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");
const idl = JSON.parse(readFileSync(join(root, "idl", "faucet.json"), "utf8"));
const types = join(root, "target", "types");
mkdirSync(types, { recursive: true });
writeFileSync(
  join(types, "faucet.ts"),
  `// Generated from idl/faucet.json by scripts/idl-types.ts. Do not edit.\n` +
    `export type Faucet = ${JSON.stringify(convertIdlToCamelCase(idl), null, 2)};\n`,
);
