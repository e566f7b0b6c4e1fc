/** The CSV reader alone, as a process: the floor of `verify` on a CSV log (docs/rules.md §9). */
import { readCsvLogFile } from "../src/cli/read-log";

const path = process.argv[2];
if (path === undefined) throw new Error("usage: read-csv-only FILE");
readCsvLogFile(path).then((log) => {
  process.stdout.write(`${log.rows.length}\n`);
});
