/**
 * A file that cannot be read as a log at all (docs/rules.md §7: exit status 2), as
 * opposed to a log whose rows have errors. The message is for a person: it
 * says what is wrong and what to do, without the file's name (the caller
 * knows it and puts it in front).
 */
export class UnreadableFileError extends Error {
  override readonly name = "UnreadableFileError";
}
