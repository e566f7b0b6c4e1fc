/**
 * The custom functions' messages in cells follow the shared runtime's
 * language, which the pane sets from Office's display language; English
 * before it has.
 */
import { ENGLISH_TRANSLATOR, loadMessages, setRuntimeTranslator, translator } from "../../src/i18n";
import { readAsOfArgument, readCategoryArgument, readLogGrid, readLogRowRange, readProfileRange } from "../../src/functions/range";
import { CATEGORY, CREDITED } from "../../src/functions/functions";

afterEach(() => setRuntimeTranslator(ENGLISH_TRANSLATOR));

const narrow = [["2024-01-10", "treatment", "In person"]];

test("a log of the wrong shape is explained in English by default, with an ICU plural", () => {
  expect(readLogGrid(narrow)).toMatchObject({
    message: expect.stringMatching(/^The log has 3 columns \(1 row by 3 columns\); it needs 7: select/),
  });
  expect(readLogGrid([["x"]])).toMatchObject({ message: expect.stringMatching(/^The log has 1 column \(/) });
});

test("under German the same failure speaks German, the function names as they are", async () => {
  setRuntimeTranslator(translator("de", await loadMessages("de")));
  expect(readLogGrid(narrow)).toMatchObject({
    message: expect.stringMatching(
      /^Das Protokoll hat 3 Spalten \(.*\); es braucht 7: wählen Sie die Tabelle MentorshipLog .*=CST\.CREDIT\(MentorshipLog\)\.$/,
    ),
  });
});

describe("every message a function gives in a cell follows the runtime's language", () => {
  const german = async () => setRuntimeTranslator(translator("de", await loadMessages("de")));
  const messageOf = (value: unknown): string => (value as { message?: string }).message ?? "";

  test("an activity, a quantity, a category, an as-of date and a profile, in English and in German", async () => {
    const failures = () => [
      messageOf(CATEGORY("yoga retreat")),
      messageOf(CATEGORY("")),
      messageOf(CREDITED("treatment", "lots")),
      messageOf(CREDITED("empower-recording", 1.5)),
      messageOf(readCategoryArgument("Z")),
      messageOf(readAsOfArgument("03/04/2024", "1900")),
      messageOf(readProfileRange([[1, 2, 3]])),
      messageOf(readLogRowRange([["2024-01-10"], ["x"]])),
    ];
    const english = failures();
    expect(english).toEqual([
      "Activity \"yoga retreat\" is not in the program's list: enter an activity's label or code, such as one-on-one or treatment.",
      "Activity is empty: choose an activity from the list.",
      'Quantity "lots" is not a number: enter the number of hours, such as 1.5.',
      "Quantity 1.5 is not a whole number: recordings count whole; enter the number of recordings, such as 2.",
      'Category "Z" is not A, B or C: enter "A" (treatment), "B" (group and class mentorship) or "C" (1x1 mentorship), or leave it out for all categories.',
      'as_of "03/04/2024" can be read more than one way: enter an Excel date or ISO text YYYY-MM-DD. Leave as_of out to check the log as of today.',
      expect.stringMatching(
        /^The profile is 1 row by 3 columns: select the Profile sheet's value cells, the name CSTProfile or Profile!B1:B7 \(Mentee name, Email, /,
      ),
      expect.stringMatching(/^The row is 2 rows by 1 column; it must be one row: select one row of the log's 7 input columns/),
    ]);
    await german();
    const inGerman = failures();
    expect(inGerman).toEqual([
      'Die Aktivität "yoga retreat" steht nicht in der Liste des Programms: Geben Sie die Bezeichnung oder den Code einer Aktivität ein, etwa one-on-one oder treatment.',
      "Die Aktivität ist leer: Wählen Sie eine Aktivität aus der Liste.",
      'Die Menge "lots" ist keine Zahl: Geben Sie die Anzahl der Stunden ein, etwa 1,5.',
      "Die Menge 1.5 ist keine ganze Zahl: Aufnahmen zählen nur ganz; geben Sie die Anzahl der Aufnahmen ein, etwa 2.",
      expect.stringMatching(/^Kategorie "Z" ist nicht A, B oder C/),
      expect.stringMatching(/^as_of "03\/04\/2024" lässt sich auf mehr als eine Weise lesen/),
      // The Profile sheet's labels are the workbook's, in every language.
      expect.stringMatching(/^Das Profil umfasst 1 Zeile mal 3 Spalten: .*\(Mentee name, Email, /),
      expect.stringMatching(/^Die Zeile umfasst 2 Zeilen mal 1 Spalte; es muss eine Zeile sein/),
    ]);
  });
});
