import { runCli } from "../../src/cli/commands";

/** The command line run in this process, as `npm run cli -- ARGS` runs it: its exit status and what it printed. */
export async function run(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { status, stdout: out.join("\n"), stderr: err.join("\n") };
}
