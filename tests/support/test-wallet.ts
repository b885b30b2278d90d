// A wallet for the browser tests, registered through the wallet standard the way a browser
// extension registers itself. It signs whatever the page sends with the keypair that the test
// passes in `window.__testWallet`, unless the test sets `window.__testWallet.reject`: then it
// throws the error a wallet throws when its user declines.
import "../../app/src/polyfills";
import { Keypair, VersionedTransaction } from "@solana/web3.js";
import { registerWallet } from "@wallet-standard/wallet";
import type { Wallet, WalletAccount } from "@wallet-standard/base";

declare global {
  interface Window {
    __testWallet: { secretKey: number[]; reject?: boolean; signed: number };
  }
}

const CHAINS = ["solana:localnet", "solana:devnet"] as const;
const FEATURES = ["solana:signTransaction"] as const;
const ICON =
  "data:image/svg+xml;base64," +
  btoa('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="14" fill="#6d28d9"/></svg>');

const keypair = Keypair.fromSecretKey(Uint8Array.from(window.__testWallet.secretKey));
window.__testWallet.signed = 0;
const account: WalletAccount = {
  address: keypair.publicKey.toBase58(),
  publicKey: keypair.publicKey.toBytes(),
  chains: CHAINS,
  features: FEATURES,
  label: "Test account",
};
const listeners = new Set<(properties: { accounts?: readonly WalletAccount[] }) => void>();
let accounts: readonly WalletAccount[] = [];

const wallet: Wallet = {
  version: "1.0.0",
  name: "Test Wallet",
  icon: ICON as `data:image/svg+xml;base64,${string}`,
  chains: CHAINS,
  get accounts() {
    return accounts;
  },
  features: {
    "standard:connect": {
      version: "1.0.0",
      connect: async () => {
        accounts = [account];
        listeners.forEach((listener) => listener({ accounts }));
        return { accounts };
      },
    },
    "standard:disconnect": {
      version: "1.0.0",
      disconnect: async () => {
        accounts = [];
        listeners.forEach((listener) => listener({ accounts }));
      },
    },
    "standard:events": {
      version: "1.0.0",
      on: (_event: "change", listener: (properties: { accounts?: readonly WalletAccount[] }) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    "solana:signTransaction": {
      version: "1.0.0",
      supportedTransactionVersions: ["legacy", 0],
      signTransaction: async (...inputs: { transaction: Uint8Array }[]) => {
        if (window.__testWallet.reject) throw new Error("User rejected the request.");
        return inputs.map(({ transaction }) => {
          const parsed = VersionedTransaction.deserialize(transaction);
          parsed.sign([keypair]);
          window.__testWallet.signed += 1;
          return { signedTransaction: parsed.serialize() };
        });
      },
    },
  },
};

registerWallet(wallet);
