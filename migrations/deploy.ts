// Deploy hook run by `anchor migrate` after `anchor deploy`, with a provider configured from
// Anchor.toml.
import * as anchor from "@anchor-lang/core";

module.exports = async function (provider: anchor.AnchorProvider) {
  anchor.setProvider(provider);
  // TODO: create and fund a faucet from a config file once the TypeScript client is in place.
};
