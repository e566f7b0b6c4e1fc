/**
 * The readers run in the browser too (the add-in's pane, a web page): they
 * bundle for the browser with no Node module, and the bundle reads a
 * workbook and a CSV log from their bytes.
 */
import { build } from "esbuild";
import { resolve } from "node:path";
import { runInNewContext } from "node:vm";
import { buildWorkbook, utcDate } from "./build";

const ROOT = resolve(__dirname, "..", "..");

test("the workbook and CSV readers bundle for the browser and read bytes there", async () => {
  const result = await build({
    stdin: {
      contents: `export { readWorkbookLog } from "./src/workbook/read-xlsx"; export { decodeCsvBytes, parseCsvLog } from "./src/workbook/csv";`,
      resolveDir: ROOT,
      loader: "ts",
    },
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName: "readers",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.text ?? "";
  expect(code).not.toMatch(/require\(["']node:/);
  // A context with only what a browser page has that the readers use.
  const sandbox: Record<string, unknown> = {
    TextDecoder,
    TextEncoder,
    Uint8Array,
    console,
    ReadableStream,
    WritableStream,
    TransformStream,
    CompressionStream,
    DecompressionStream,
    setTimeout,
    clearTimeout,
    queueMicrotask,
  };
  runInNewContext(`${code}\nthis.readers = readers;`, sandbox);
  const readers = sandbox.readers as typeof import("../../src/workbook/read-xlsx") & typeof import("../../src/workbook/csv");
  const bytes = await buildWorkbook({ rows: [[utcDate("2024-01-10"), "treatment", "In person", "J", "CST-T", 6, null]] });
  const { log } = await readers.readWorkbookLog(bytes);
  expect(JSON.parse(JSON.stringify(log.rows))).toEqual([
    { row: 2, cells: [{ isoDate: "2024-01-10" }, "treatment", "In person", "J", "CST-T", 6, null] },
  ]);
  // Windows-1252 bytes (0x80 is the euro sign), semicolons and a decimal comma.
  const windows1252 = new Uint8Array([
    ...new TextEncoder().encode("Date;Activity;Format;Provider;Credential;Quantity;Notes\n2024-01-10;treatment;In person;J;CST-T;1,5;"),
    0x80,
  ]);
  const csv = readers.parseCsvLog(readers.decodeCsvBytes(windows1252));
  expect([csv.rows[0]?.cells[5], csv.rows[0]?.cells[6]]).toEqual([1.5, "€"]);
});
