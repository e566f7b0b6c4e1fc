import type { CellValue, LogRow } from "../../src/core";

export type Cells = [CellValue, CellValue, CellValue, CellValue, CellValue, CellValue, CellValue?];

/** Log rows numbered as on a worksheet: the header is row 1, data starts at row 2. */
export function logRows(...rows: Cells[]): LogRow[] {
  return rows.map((cells, index) => ({ row: index + 2, cells: [...cells, ...(cells.length < 7 ? [""] : [])] }));
}

export const treatment = (date: string, hours: number, credential = "CST-T"): Cells => [
  date,
  "treatment",
  "In person",
  "Dana Whitfield",
  credential,
  hours,
  "",
];
export const oneOnOne = (date: string, hours: number): Cells => [date, "one-on-one", "Virtual", "Marco Ibáñez", "Mentor", hours, ""];
export const smallGroup = (date: string, hours: number): Cells => [date, "small-group", "Virtual", "", "", hours, ""];
