/**
 * A file that cannot be read as a log at all (docs/rules.md §7: exit status 2), as
 * opposed to a log whose rows have errors. The message is for a person: it
 * says what is wrong and what to do, without the file's name (the caller
 * knows it and puts it in front).
 *
 * As a finding does (src/core/findings.ts), the error carries its message in English, which the command
 * line's English output and `--json` keep, and its words: a message id of the catalogs (`unreadable.…`)
 * with the values it names, for a surface that speaks the user's language (docs/rules.md §11). A test
 * formats every reader's errors with the English catalog and finds their messages, letter for letter.
 */
import { type FindingWords, errorLine } from "../core";
import type { MessageId } from "../i18n";

/** The catalogs' messages of a file that cannot be read. */
export type UnreadableMessageId = Extract<MessageId, `unreadable.${string}`>;

/**
 * What an unreadable file's message names, language-free: texts as the message quotes them (a part's or a
 * sheet's name, a path, a library's own English detail), numbers (formatted as the language writes them
 * where the message says `number`), keys chosen among in the message, and the words of what it is made of
 * (a size, a reason, a row's finding).
 */
export type UnreadableValue = string | number | UnreadableWords | FindingWords;

/** An unreadable file's message as the catalogs hold it. */
export interface UnreadableWords {
  readonly id: UnreadableMessageId;
  readonly values?: Readonly<Record<string, UnreadableValue>>;
}

/** Why a file cannot be read, before it is thrown: its message in English and its words. */
export interface FileProblem {
  readonly message: string;
  readonly words: UnreadableWords;
}

/** A problem from its English message, its message id and the values that id names. */
export function fileProblem(message: string, id: UnreadableMessageId, values?: UnreadableWords["values"]): FileProblem {
  return { message, words: values === undefined ? { id } : { id, values } };
}

export class UnreadableFileError extends Error {
  override readonly name = "UnreadableFileError";
  // Private, as a finding's words are: whatever writes the error as JSON writes what it always did.
  readonly #words: UnreadableWords;

  constructor(message: string, id: UnreadableMessageId, values?: UnreadableWords["values"]) {
    super(message);
    this.#words = values === undefined ? { id } : { id, values };
  }

  /** The message in the catalogs, for a surface that speaks the user's language. */
  get words(): UnreadableWords {
    return this.#words;
  }

  /** The error of a problem found before. */
  static of(problem: FileProblem): UnreadableFileError {
    return new UnreadableFileError(problem.message, problem.words.id, problem.words.values);
  }
}

/** What a reader's failure on a workbook tells the person: a file that cannot be read says so, anything else is named in a few words. */
export function unreadableWorkbook(error: unknown): UnreadableFileError {
  if (error instanceof UnreadableFileError) return error;
  const detail = errorLine(error);
  return new UnreadableFileError(
    `the workbook could not be read (${detail}): open it in Excel and save it again as .xlsx`,
    "unreadable.workbook.failed",
    { detail },
  );
}
