/**
 * Custom functions on Excel on the web take the whole log as one argument,
 * and a call travels within the 5 MB request limit: the Excel model never
 * delivers a larger argument. The largest log the functions take there is
 * measured here and stated in the README and the help page, which send
 * larger logs to the pane (it reads in chunks).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LOG_COLUMNS, isoDateToExcelSerial } from "../../src/core";
import { ExcelModel, type Scalar } from "../excel/excelModel";

afterEach(() => ExcelModel.uninstall());

const DATE = isoDateToExcelSerial("2024-03-01", "1900");
/** A row without a note, and one with a one-line note: the two sizes the docs name. */
const PLAIN: Scalar[] = [DATE, "Treatment received from a CST-T or CST-D", "In person", "Dolores Achebe", "CST-T", 1.5, ""];
const NOTED: Scalar[] = [
  DATE,
  "1x1 mentorship with a certified mentor",
  "Virtual",
  "Dolores Achebe",
  "Mentor",
  1.5,
  "Discussed the still point and the dural tube release, case 12",
];

function logOf(row: Scalar[], count: number): ExcelModel {
  const model = new ExcelModel();
  model.addSheet("Tracking Form", [[...LOG_COLUMNS], ...Array.from({ length: count }, () => row)]);
  return model;
}

const argument = (model: ExcelModel, count: number) => () => model.functionArgument("Tracking Form", `A1:G${count + 1}`);

test.each([
  { kind: "without notes", row: PLAIN, taken: 50_000, refused: 55_000 },
  { kind: "with a one-line note", row: NOTED, taken: 30_000, refused: 34_000 },
])("rows $kind: $taken are delivered, $refused are not", ({ row, taken, refused }) => {
  expect(argument(logOf(row, taken), taken)).not.toThrow();
  expect(argument(logOf(row, refused), refused)).toThrow(expect.objectContaining({ code: "RequestPayloadSizeLimitExceeded" }));
});

test("the README and the help page state these limits and name the pane for larger logs", () => {
  const readme = readFileSync(join(__dirname, "../../README.md"), "utf8");
  const help = readFileSync(join(__dirname, "../../src/help/help.html"), "utf8");
  for (const text of [readme, help].map((page) => page.replace(/\s+/g, " "))) {
    expect(text).toMatch(/about 50,000 rows/);
    expect(text).toMatch(/about 30,000/);
    expect(text).toMatch(/5 MB/);
    expect(text).toMatch(/the pane/);
  }
});
