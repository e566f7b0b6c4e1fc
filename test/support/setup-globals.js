// jsdom lacks Web Crypto's digest and TextEncoder; Node has both.
const { webcrypto } = require("node:crypto");
const { TextEncoder, TextDecoder } = require("node:util");
if (!globalThis.crypto || !globalThis.crypto.subtle) {
  Object.defineProperty(globalThis, "crypto", { value: webcrypto, configurable: true });
}
if (!globalThis.TextEncoder) globalThis.TextEncoder = TextEncoder;
if (!globalThis.TextDecoder) globalThis.TextDecoder = TextDecoder;
// jsdom lacks the streams the workbook reader uses in browsers (zip.js); Node has the same WHATWG classes.
const streams = require("node:stream/web");
for (const name of [
  "ReadableStream",
  "WritableStream",
  "TransformStream",
  "DecompressionStream",
  "CompressionStream",
  "TextDecoderStream",
]) {
  if (globalThis[name] === undefined && streams[name] !== undefined) globalThis[name] = streams[name];
}
// The languages offered, and those with a help page, as the builds list them (scripts/languages.cjs).
const languages = require("../../scripts/languages.cjs");
if (process.env.CST_LANGUAGES === undefined) process.env.CST_LANGUAGES = JSON.stringify(languages.catalogLanguages());
if (process.env.CST_HELP_LANGUAGES === undefined) process.env.CST_HELP_LANGUAGES = JSON.stringify(languages.helpLanguages());
