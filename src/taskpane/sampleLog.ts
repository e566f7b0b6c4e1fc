/**
 * The preview's sample: a mentee's profile and a realistic log (invented
 * names), dated in the past so it reads the same on any day. The Beyond the
 * Dura row is over the 6-hour cap: its warning shows in the findings.
 */
import { type CellValue, type DateSystem, PROFILE_FIELDS, dayNumberToIsoDate, isoDateToDayNumber, isoDateToExcelSerial } from "../core";
import { MemoryWorkbook } from "../excel/memoryWorkbook";

export const SAMPLE_PROFILE = {
  name: "Maren Okafor",
  email: "maren.okafor@example.org",
  techniqueCertifiedOn: "2024-03-08",
  diplomateCertifiedOn: "",
  creditsAwarded: 0,
  ruleSet: "current",
  creditsAwardedFromLog: 0,
} as const;

export type SampleRow = readonly [
  date: string,
  activity: string,
  format: string,
  provider: string,
  credential: string,
  quantity: number,
  notes: string,
];

export const SAMPLE_ROWS: readonly SampleRow[] = [
  ["2023-09-12", "Treatment received from a CST-T or CST-D", "In person", "Ilse Brandvold", "CST-D", 1.5, ""],
  ["2023-09-20", "1x1 mentorship with a certified mentor", "Virtual", "Tomasz Reyes", "Mentor", 2, "Case review: TMJ client"],
  ["2023-10-03", "Small group mentorship (4–8 participants)", "In person", "Priya Lindqvist", "CST-D", 3, ""],
  ["2023-10-17", "Treatment received from a CST-T or CST-D", "In person", "Ilse Brandvold", "CST-D", 1.5, ""],
  ["2023-11-02", "Study group session (in person or virtual)", "Virtual", "", "", 2, "Monthly study group"],
  ["2023-11-14", "1x1 mentorship with a certified mentor", "In person", "Tomasz Reyes", "Mentor", 2, ""],
  ["2023-12-05", "Beyond the Dura conference", "In person", "", "", 8, "Two conference days in one row"],
  ["2024-01-09", "Treatment received from a CST-T or CST-D", "In person", "Ilse Brandvold", "CST-D", 1.5, ""],
  ["2024-01-23", "1x1 mentorship with a certified mentor", "Virtual", "Tomasz Reyes", "Mentor", 2, ""],
  ["2024-02-06", "Treatment received from a CST-T or CST-D", "In person", "Dolores Achebe", "CST-T", 1.5, ""],
  ["2024-02-20", "Empower Your Practice online recording", "Virtual", "", "", 2, ""],
  [
    "2024-03-12",
    "Treatment received from a CST-T or CST-D",
    "In person",
    "Dolores Achebe",
    "CST-T",
    2,
    "First session after certification",
  ],
  ["2024-03-26", "1x1 mentorship with a certified mentor", "Virtual", "Tomasz Reyes", "Mentor", 1.5, ""],
  ["2024-04-09", "Precepting an Advanced CST workshop", "In person", "", "", 2, "SomatoEmotional Release 1"],
  ["2024-04-23", "Treatment received from a CST-T or CST-D", "In person", "Ilse Brandvold", "CST-D", 2, ""],
  ["2024-05-07", "1x1 mentorship with a certified mentor", "In person", "Tomasz Reyes", "Mentor", 2, ""],
  ["2024-05-21", "Treatment received from a CST-T or CST-D", "In person", "Dolores Achebe", "CST-T", 1.5, ""],
  ["2024-06-04", "1x1 mentorship with a certified mentor", "Virtual", "Tomasz Reyes", "Mentor", 2, ""],
  ["2024-06-18", "Instructor-led conference call after a CSIR class", "Virtual", "", "", 1, ""],
  ["2024-07-02", "Treatment received from a CST-T or CST-D", "In person", "Ilse Brandvold", "CST-D", 2, ""],
];

/** `count` rows in the sample's pattern, one a day from 2019-01-01: a long log for measuring the pane. */
export function generatedRows(count: number): SampleRow[] {
  const first = isoDateToDayNumber("2019-01-01");
  return Array.from({ length: count }, (_, index) => {
    const [, ...rest] = SAMPLE_ROWS[index % SAMPLE_ROWS.length] as SampleRow;
    return [dayNumberToIsoDate(first + index), ...rest] as SampleRow;
  });
}

/** An in-memory workbook with the tracking form inserted and the sample filled in, as a mentee would have typed it. */
export async function sampleWorkbook(dateSystem: DateSystem = "1900", rows: readonly SampleRow[] = SAMPLE_ROWS): Promise<MemoryWorkbook> {
  const workbook = new MemoryWorkbook({
    dateSystem,
    sheets: [{ name: "Notes", cells: [["My mentorship notes"], ["Ask about the 2nd credit"]] }],
  });
  await workbook.insertForm();
  await workbook.writeProfile(
    Object.fromEntries(
      PROFILE_FIELDS.map((field): [string, CellValue] => {
        const value = SAMPLE_PROFILE[field.key];
        if ((field.key === "techniqueCertifiedOn" || field.key === "diplomateCertifiedOn") && value !== "") {
          return [field.key, isoDateToExcelSerial(String(value), dateSystem)];
        }
        return [field.key, value];
      }),
    ),
  );
  for (const [date, ...rest] of rows) await workbook.appendRow([isoDateToExcelSerial(date, dateSystem), ...rest]);
  return workbook;
}
