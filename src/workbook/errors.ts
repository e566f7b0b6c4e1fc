/**
 * A file that cannot be read as a log at all (docs/rules.md §7: exit status 2), as
 * opposed to a log whose rows have errors. The message is for a person: it
 * says what is wrong and what to do, without the file's name (the caller
 * knows it and puts it in front).
 */
import { errorLine } from "../core";

export class UnreadableFileError extends Error {
  override readonly name = "UnreadableFileError";
}

/** What a reader's failure on a workbook tells the person: a file that cannot be read says so, anything else is named in a few words. */
export function unreadableWorkbook(error: unknown): UnreadableFileError {
  if (error instanceof UnreadableFileError) return error;
  return new UnreadableFileError(`the workbook could not be read (${errorLine(error)}): open it in Excel and save it again as .xlsx`);
}
