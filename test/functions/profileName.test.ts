/**
 * docs/rules.md §5 and 11 in the Excel model: the form defines the name CSTProfile
 * for the Profile sheet's value cells, so `=CST.CREDIT(MentorshipLog,
 * CSTProfile)` takes the profile with W (row 7), and agrees with verify.
 */
import { LOG_TABLE, isoDateToExcelSerial, reportLog } from "../../src/core";
import { OfficeWorkbook } from "../../src/excel/officeWorkbook";
import { setDateSystemSource } from "../../src/functions/dateSystem";
import { CREDIT, MISSING } from "../../src/functions/functions";
import { ExcelModel, type Scalar } from "../excel/excelModel";

afterEach(() => ExcelModel.uninstall());
beforeEach(() => setDateSystemSource(() => "1900"));

const serial = (iso: string) => isoDateToExcelSerial(iso, "1900");
const ROWS: Scalar[][] = [
  [serial("2024-01-10"), "Treatment received from a CST-T or CST-D", "In person", "Jane Roe", "CST-T", 6, ""],
  [serial("2024-01-11"), "Small group mentorship (4–8 participants)", "Virtual", "", "", 6, ""],
  [serial("2024-01-12"), "1x1 mentorship with a certified mentor", "Virtual", "Mo Mentor", "Mentor", 18, ""],
  [serial("2024-03-10"), "Treatment received from a CST-T or CST-D", "In person", "Jane Roe", "CST-T", 12, ""],
  [serial("2024-03-11"), "1x1 mentorship with a certified mentor", "Virtual", "Mo Mentor", "Mentor", 12, ""],
];

test("=CST.CREDIT(MentorshipLog, CSTProfile) agrees with verify, with W set in the pane", async () => {
  const model = new ExcelModel().install();
  const workbook = new OfficeWorkbook();
  await workbook.insertForm();
  for (const row of ROWS) await workbook.appendRow(row);
  for (const fromLog of [0, 1, 2]) {
    await workbook.writeProfile({ name: "Ann Mentee", techniqueCertifiedOn: serial("2023-06-01"), creditsAwardedFromLog: fromLog });
    const profile = model.nameValues("CSTProfile");
    expect(profile).toHaveLength(7);
    const log = model.values("Tracking Form", `A2:G${ROWS.length + 1}`);
    expect(model.table(LOG_TABLE)?.rowCount).toBe(ROWS.length);
    const content = await workbook.readForm();
    const { report } = await reportLog(content.log, { asOf: "2024-06-01" });
    expect(report.awarded.fromLog).toBe(fromLog);
    const credit = CREDIT(log, profile, "2024-06-01");
    if (fromLog <= 2) expect(report.credits).toBe(Math.max(0, 2 - fromLog));
    expect(credit).toBe(report.credits);
    expect(MISSING(log, undefined, profile, "2024-06-01")).toBe(report.next.missing.total);
  }
  // A form without row 7 (Profile!B1:B6) still works: W is 0.
  expect(CREDIT(model.values("Tracking Form", "A2:G6"), model.values("Profile", "B1:B6"), "2024-06-01")).toBe(2);
});
