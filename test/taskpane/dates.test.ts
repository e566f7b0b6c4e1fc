/** Dates and the decimal mark in the user's locale, each locale's formatter made once and kept apart from the others'. */
import { localDate, localeDecimalMark } from "../../src/taskpane/dates";

test("a date in each locale, whichever was asked first; text that is not a date stays as it is", () => {
  expect(localDate("2024-03-12", "en-US")).toBe("Mar 12, 2024");
  expect(localDate("2024-03-12", "de-DE")).toBe("12.03.2024");
  expect(localDate("2024-12-31", "en-US")).toBe("Dec 31, 2024");
  expect(localDate("2024-12-31", "de-DE")).toBe("31.12.2024");
  expect(localDate("2024-02-30" as never, "en-US")).toBe("2024-02-30");
});

test("the decimal mark of each locale", () => {
  expect(localeDecimalMark("en-US")).toBe(".");
  expect(localeDecimalMark("de-DE")).toBe(",");
  expect(localeDecimalMark("en-US")).toBe(".");
});
