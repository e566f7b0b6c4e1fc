/** What went wrong, in one line for a person: an Error's message, or the thrown value as text. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first line of `errorText`: for a message that names the cause in a few words (a library's error may run on). */
export function errorLine(error: unknown): string {
  return errorText(error).split("\n")[0] ?? "";
}
