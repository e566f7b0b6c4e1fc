/** A message id the English catalog lacks does not compile: `tsc --noEmit` (part of npm test) fails on an unused @ts-expect-error. */
import { ENGLISH_TRANSLATOR } from "../../src/i18n";

test("a known id formats; an unknown one is a type error", () => {
  expect(ENGLISH_TRANSLATOR.t("words.credits", { count: 2 })).toBe("2 credits");
  // Never called: what matters is that it does not compile.
  // @ts-expect-error "words.credit" is not a message of the English catalog.
  const unknown = () => ENGLISH_TRANSLATOR.t("words.credit");
  expect(typeof unknown).toBe("function");
});
