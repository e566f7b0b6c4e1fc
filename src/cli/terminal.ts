/**
 * What the command line writes goes through here: text from a stranger's
 * file (a note, a name, a file name) must not steer the terminal. C0 and C1
 * control characters (line feeds between lines aside), DEL, the line and
 * paragraph separators and the bidirectional controls that reorder what is
 * shown (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) are written
 * as visible `\uXXXX` escapes. In JSON output those characters can only
 * stand inside strings, where `\uXXXX` is the same character: the JSON
 * stays valid and reads back unchanged.
 */

// Matching control characters is the point here.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\u202E` for U+202E. */
const escapeCharacter = (character: string): string => `\\u${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

/** The text with every unsafe character written as its `\uXXXX` escape; line feeds kept. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escapeCharacter);
}
