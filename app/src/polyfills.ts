// web3.js, Anchor and the faucet helpers use Node's `Buffer`; browsers have none.
import { Buffer } from "buffer";

globalThis.Buffer ??= Buffer;
