/**
 * The least memory a check of a CSV log that keeps no row can take here, as a process: its argument
 * checked with zod (every command checks its arguments with it, and loading it is most of what the
 * command line takes with no rows), the file read `CSV_PIECE_BYTES` at a time into one buffer, as verify
 * reads it, each line split at commas, its cells hashed as JSON, and a line of JSON written per row (as
 * verify's report is written). No quotes parsed, no rule checked, no result kept: a floor for the memory
 * of `verify`, not for its time (bench/cli.ts prints it beside verify's).
 *
 *   node lib/bench-stream-floor.cjs FILE
 */
import { createHash } from "node:crypto";
import { openSync, readSync, writeSync } from "node:fs";
import { z } from "zod";
import { CSV_PIECE_BYTES } from "../src/workbook/limits";

const path = z.string().min(1, "usage: bench-stream-floor FILE").parse(process.argv[2]);
const fd = openSync(path, "r");
const buffer = new Uint8Array(CSV_PIECE_BYTES);
const decoder = new TextDecoder();
const hash = createHash("sha256");
let position = 0;
let rest = "";
let rows = 0;
for (;;) {
  const bytesRead = readSync(fd, buffer, 0, buffer.length, position);
  position += bytesRead;
  const lines = (rest + decoder.decode(buffer.subarray(0, bytesRead), { stream: bytesRead > 0 })).split("\n");
  rest = bytesRead > 0 ? (lines.pop() ?? "") : "";
  let out = "";
  for (const line of lines) {
    if (line === "") continue;
    const cells = line.split(",");
    hash.update(JSON.stringify(cells));
    rows++;
    out += `${JSON.stringify({ row: rows, cells: cells.length })},`;
  }
  if (out !== "") writeSync(1, out);
  if (bytesRead === 0) break;
}
writeSync(1, `\n${rows} ${hash.digest("hex")}\n`);
