import { Tab, TabList, mergeClasses } from "@fluentui/react-components";
import { type KeyboardEvent, type ReactNode, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { LOG_FIELD_DEFINITIONS, PROFILE_FIELDS, columnLetter } from "../core";
import type { MemoryWorkbook } from "../excel/memoryWorkbook";
import { isFormulaCell } from "../excel/memorySheets";
import { type Editing, EXTRA_COLUMNS, EXTRA_ROWS, type Position, fieldAt, listIdOf, shown } from "./cells";
import { GridRow, type RowActions } from "./GridRow";
import { rowsToDraw, useRowWindow } from "./rowWindow";
import { useSheetStyles } from "./styles";
import { type TypedProblem, localeFormat, readTypedEntry } from "./typedEntry";
import { type SheetTranslate, useSheetLocale, useSheetT } from "./words";

/** Why a typed entry was refused, in the pane's language. */
function problemText(problem: TypedProblem, t: SheetTranslate): string {
  return problem.kind === "ambiguous-date" ? t("sheet.ambiguousDate", { ...problem }) : t("sheet.notRealDate", { text: problem.text });
}

/**
 * A view of the in-memory workbook's sheets, what Excel would show beside the
 * pane, where a person can type as in Excel: select a cell with the mouse or
 * the arrow keys; Enter, F2, a double-click or typing a character edits it;
 * Enter (or Tab) commits, Escape cancels; Delete clears. What is typed is read
 * as Excel reads it (MemoryWorkbook.setCell), and the pane follows.
 */
export function SheetGrid({ workbook, fill = false }: { workbook: MemoryWorkbook; fill?: boolean }) {
  const t = useSheetT();
  const styles = useSheetStyles();
  const snapshot = useSyncExternalStore(workbook.watch, workbook.getSnapshot);
  const visible = snapshot.sheets.filter((sheet) => !sheet.hidden);
  const [active, setActive] = useState<string | null>(null);
  const [cursor, setCursor] = useState<Position>({ row: 1, column: 0 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [focusCursor, setFocusCursor] = useState(false);
  // Typing is read in the page's language, which its language menu may change while the sheet is shown.
  const language = useSheetLocale();
  const locale = useMemo(() => localeFormat(language), [language]);
  const gridRef = useRef<HTMLTableElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const { view, rowHeight } = useRowWindow(scrollerRef);
  // The entry being edited as this render saw it: a blur that follows Enter or Escape finds it gone and does nothing.
  const live = useRef<Editing | null>(null);
  live.current = editing;
  const latest = useRef<RowActions | null>(null);
  const [actions] = useState<RowActions>(() => ({
    select: (at) => latest.current?.select(at),
    edit: (at) => latest.current?.edit(at),
    cellKeyDown: (event, at) => latest.current?.cellKeyDown(event, at),
    editorKeyDown: (event) => latest.current?.editorKeyDown(event),
    type: (text) => latest.current?.type(text),
    leave: () => latest.current?.leave(),
  }));
  const selection = snapshot.selection;

  // Follow the selection, as Excel activates the sheet a finding is on.
  useEffect(() => {
    if (selection !== null) setActive(selection.sheet);
  }, [selection]);
  useEffect(() => {
    gridRef.current?.querySelector('[data-selected="true"]')?.scrollIntoView({ block: "nearest" });
  }, [selection, active]);
  // Keyboard moves take the focus along to the new cell.
  useEffect(() => {
    if (!focusCursor || editing !== null) return;
    gridRef.current?.querySelector<HTMLElement>(`[data-cell="${cursor.row},${cursor.column}"]`)?.focus();
    setFocusCursor(false);
  }, [cursor, focusCursor, editing]);

  const sheet =
    visible.find((candidate) => candidate.name === active) ?? visible.find((candidate) => candidate.name === "Tracking Form") ?? visible[0];
  if (sheet === undefined) return <p>{t("sheet.noSheets")}</p>;
  const width = sheet.cells.reduce((most, row) => Math.max(most, row.length), 1) + EXTRA_COLUMNS;
  const height = sheet.cells.length + EXTRA_ROWS;

  const textOf = (row: number, column: number) => shown(sheet, row, column, sheet.cells[row - 1]?.[column], snapshot.dateSystem);
  const move = (row: number, column: number) => {
    setCursor({ row: Math.min(Math.max(row, 1), height), column: Math.min(Math.max(column, 0), width - 1) });
    setFocusCursor(true);
  };
  const startEditing = (at: Position, text?: string) => {
    const initial = textOf(at.row, at.column);
    setCursor(at);
    setEditing({ ...at, initial, text: text ?? initial, list: listIdOf(fieldAt(sheet, at.row, at.column)) });
  };
  const commit = (next: Position | null) => {
    const entry = live.current;
    if (entry === null) return;
    if (entry.text !== entry.initial) {
      // Read as the person means it in their locale; what cannot be read one way only stays as typed, with why.
      const typed = readTypedEntry(entry.text, fieldAt(sheet, entry.row, entry.column), locale);
      if (!typed.ok) {
        setEditing({ ...entry, problem: problemText(typed.problem, t) });
        return;
      }
      live.current = null;
      workbook.setCell(sheet.name, entry.row, entry.column, typed.text);
    }
    live.current = null;
    setEditing(null);
    if (next !== null) move(next.row, next.column);
    else setFocusCursor(true);
  };

  const onCellKeyDown = (event: KeyboardEvent<HTMLTableCellElement>, at: Position) => {
    const { key } = event;
    const step: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const delta = step[key];
    if (delta !== undefined) {
      event.preventDefault();
      move(at.row + delta[0], at.column + delta[1]);
    } else if (key === "Enter" || key === "F2") {
      event.preventDefault();
      startEditing(at);
    } else if (key === "Delete") {
      event.preventDefault();
      if (textOf(at.row, at.column) !== "") workbook.setCell(sheet.name, at.row, at.column, "");
    } else if (key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Typing a character starts a new entry with it, as in Excel.
      event.preventDefault();
      startEditing(at, key);
    }
  };

  const onEditorKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (editing === null) return;
    if (event.key === "Enter") {
      event.preventDefault();
      commit({ row: editing.row + 1, column: editing.column });
    } else if (event.key === "Tab") {
      event.preventDefault();
      commit({ row: editing.row, column: editing.column + 1 });
    } else if (event.key === "Escape") {
      event.preventDefault();
      live.current = null;
      setEditing(null);
      setFocusCursor(true);
    }
  };

  // The rows' handlers, through one object that stays the same: a row is not drawn again because a handler is new.
  latest.current = {
    select: (at) => setCursor(at),
    edit: (at) => startEditing(at),
    cellKeyDown: onCellKeyDown,
    editorKeyDown: onEditorKeyDown,
    type: (text) => setEditing((entry) => (entry === null ? null : { ...entry, text, problem: undefined })),
    leave: () => commit(null),
  };

  const drawRow = (row: number) => {
    const cells = sheet.cells[row - 1] ?? [];
    const isSelected = selection !== null && selection.sheet === sheet.name && selection.row === row;
    return (
      <GridRow
        key={row}
        row={row}
        texts={Array.from({ length: width }, (_, column) => textOf(row, column))}
        formulas={Array.from({ length: width }, (_, column) => isFormulaCell(cells[column]))}
        cursorColumn={cursor.row === row ? cursor.column : -1}
        editing={editing !== null && editing.row === row ? editing : null}
        selected={isSelected}
        selectedColumns={isSelected ? selection.columns : 0}
        actions={actions}
      />
    );
  };
  const spacer = (key: string, rows: number) =>
    rows > 0 ? (
      <tr key={key} aria-hidden="true" style={{ height: `${rows * rowHeight}px` }}>
        <td className={styles.spacer} colSpan={width + 1} />
      </tr>
    ) : null;
  const pinned = [cursor.row, ...(editing === null ? [] : [editing.row]), ...(selection?.sheet === sheet.name ? [selection.row] : [])];
  const body: ReactNode[] = [];
  let next = 1;
  for (const [first, last] of rowsToDraw(height, view, rowHeight, pinned)) {
    body.push(spacer(`above-${first}`, first - next));
    for (let row = first; row <= last; row++) body.push(drawRow(row));
    next = last + 1;
  }
  body.push(spacer("below", height + 1 - next));

  return (
    <section
      className={mergeClasses(styles.grid, fill && styles.fill)}
      aria-label={fill ? t("sheet.workbook") : t("sheet.workbookPreview")}
    >
      <TabList
        selectedValue={sheet.name}
        onTabSelect={(_, data) => {
          setActive(String(data.value));
          setEditing(null);
          setCursor({ row: 1, column: 0 });
        }}
        size="small"
        aria-label={t("sheet.tabs")}
      >
        {visible.map((candidate) => (
          <Tab key={candidate.name} value={candidate.name}>
            {candidate.name}
          </Tab>
        ))}
      </TabList>
      <p className={styles.hint} id="sheet-grid-help">
        {t("sheet.help")}
      </p>
      {editing?.problem !== undefined && (
        <p className={styles.problem} id="sheet-entry-problem" role="alert">
          {t("sheet.problem", { cell: `${columnLetter(editing.column + 1)}${editing.row}`, problem: editing.problem })}
        </p>
      )}
      {[...LOG_FIELD_DEFINITIONS, ...PROFILE_FIELDS].flatMap((field) =>
        field.choices === null
          ? []
          : [
              <datalist key={field.key} id={listIdOf(field)}>
                {field.choices.map((choice) => (
                  <option key={choice} value={choice} />
                ))}
              </datalist>,
            ],
      )}
      <div
        className={mergeClasses(styles.scroller, fill && styles.fillScroller)}
        role="region"
        aria-label={t("sheet.region", { name: sheet.name })}
        ref={scrollerRef}
      >
        <table
          className={styles.table}
          role="grid"
          aria-label={sheet.name}
          aria-describedby="sheet-grid-help"
          aria-rowcount={height + 1}
          aria-colcount={width + 1}
          ref={gridRef}
        >
          <caption className={styles.caption}>
            {sheet.name}
            {selection !== null && selection.sheet === sheet.name ? ` · ${t("sheet.selectedRow", { row: selection.row })}` : ""}
          </caption>
          <thead>
            <tr aria-rowindex={1}>
              <td className={styles.head} />
              {Array.from({ length: width }, (_, column) => (
                <th key={column} scope="col" className={styles.head}>
                  {columnLetter(column + 1)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{body}</tbody>
        </table>
      </div>
    </section>
  );
}
