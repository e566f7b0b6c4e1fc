import { Tab, TabList, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useEffect, useState, useSyncExternalStore } from "react";
import { type CellValue, cellText, excelSerialToIsoDate } from "../core";
import type { MemorySheet, MemoryWorkbook } from "../excel/memoryWorkbook";

const useStyles = makeStyles({
  grid: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
    padding: tokens.spacingHorizontalM,
  },
  scroller: {
    overflow: "auto",
    maxHeight: "calc(100vh - 140px)",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontFamily: tokens.fontFamilyBase,
  },
  caption: {
    textAlign: "start",
    padding: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground2,
  },
  head: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    position: "sticky",
    top: 0,
  },
  rowHead: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    textAlign: "end",
  },
  cell: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    whiteSpace: "nowrap",
    maxWidth: "22ch",
    overflow: "hidden",
    textOverflow: "ellipsis",
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
  },
});

function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function shown(sheet: MemorySheet, row: number, column: number, value: CellValue, dateSystem: "1900" | "1904"): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return cellText(value);
  const format = sheet.cellFormats[`${row},${column}`] ?? (row > 1 ? sheet.columnFormats[column] : undefined);
  if (typeof value === "number" && format === "yyyy-mm-dd") return excelSerialToIsoDate(value, dateSystem) ?? String(value);
  return String(value);
}

/** A read-only view of the in-memory workbook's sheets: what Excel would show beside the pane. */
export function SheetGrid({ workbook }: { workbook: MemoryWorkbook }) {
  const styles = useStyles();
  const snapshot = useSyncExternalStore(workbook.watch, workbook.getSnapshot);
  const visible = snapshot.sheets.filter((sheet) => !sheet.hidden);
  const [active, setActive] = useState<string | null>(null);
  const selection = snapshot.selection;

  // Follow the selection, as Excel activates the sheet a finding is on.
  useEffect(() => {
    if (selection !== null) setActive(selection.sheet);
  }, [selection]);
  useEffect(() => {
    document.querySelector('[data-selected="true"]')?.scrollIntoView({ block: "nearest" });
  }, [selection, active]);

  const sheet =
    visible.find((candidate) => candidate.name === active) ?? visible.find((candidate) => candidate.name === "Tracking Form") ?? visible[0];
  if (sheet === undefined) return <p>The workbook has no sheets.</p>;
  const width = sheet.cells.reduce((most, row) => Math.max(most, row.length), 1);

  return (
    <section className={styles.grid} aria-label="Workbook (preview)">
      <TabList selectedValue={sheet.name} onTabSelect={(_, data) => setActive(String(data.value))} size="small" aria-label="Sheets">
        {visible.map((candidate) => (
          <Tab key={candidate.name} value={candidate.name}>
            {candidate.name}
          </Tab>
        ))}
      </TabList>
      <div className={styles.scroller} tabIndex={0} role="region" aria-label={`Sheet ${sheet.name}`}>
        <table className={styles.table}>
          <caption className={styles.caption}>
            {sheet.name}
            {selection !== null && selection.sheet === sheet.name ? ` · selected row ${selection.row}` : ""}
          </caption>
          <thead>
            <tr>
              <td className={styles.head} />
              {Array.from({ length: width }, (_, column) => (
                <th key={column} scope="col" className={styles.head}>
                  {columnLetter(column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sheet.cells.map((cells, index) => {
              const row = index + 1;
              const isSelected = selection !== null && selection.sheet === sheet.name && selection.row === row;
              return (
                <tr key={row} data-row={row} data-selected={isSelected ? "true" : undefined}>
                  <th scope="row" className={mergeClasses(styles.rowHead, isSelected && styles.selected)}>
                    {row}
                  </th>
                  {Array.from({ length: width }, (_, column) => (
                    <td key={column} className={mergeClasses(styles.cell, isSelected && column < selection.columns && styles.selected)}>
                      {shown(sheet, row, column, cells[column], snapshot.dateSystem)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
