// Runs deploy.ts the way `anchor migrate` does, for machines without the Anchor CLI or ts-node:
//   ANCHOR_PROVIDER_URL=http://127.0.0.1:8899 ANCHOR_WALLET=~/.config/solana/id.json \
//     FAUCET_CONFIG=migrations/faucet.config.json npm run migrate
import * as anchor from "@anchor-lang/core";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const deploy: (provider: anchor.AnchorProvider) => Promise<unknown> = require("./deploy");

deploy(anchor.AnchorProvider.env()).catch((error) => {
  console.error(`error: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
