/**
 * The custom functions' messages in cells follow the shared runtime's
 * language, which the pane sets from Office's display language; English
 * before it has.
 */
import { ENGLISH_TRANSLATOR, loadMessages, setRuntimeTranslator, translator } from "../../src/i18n";
import { readLogGrid } from "../../src/functions/range";

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
