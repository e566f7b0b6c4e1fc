// jsdom lacks Web Crypto's digest and TextEncoder; Node has both.
const { webcrypto } = require("node:crypto");
const { TextEncoder, TextDecoder } = require("node:util");
if (!globalThis.crypto || !globalThis.crypto.subtle) {
  Object.defineProperty(globalThis, "crypto", { value: webcrypto, configurable: true });
}
if (!globalThis.TextEncoder) globalThis.TextEncoder = TextEncoder;
if (!globalThis.TextDecoder) globalThis.TextDecoder = TextDecoder;
