import { Tab, TabList, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { type KeyboardEvent, type ReactNode, memo, useEffect, useRef, useState, useSyncExternalStore } from "react";
import {
  type CellValue,
  type FieldDefinition,
  DATE_FORMAT,
  LOG_FIELD_DEFINITIONS,
  LOG_SHEET,
  PROFILE_FIELDS,
  PROFILE_SHEET,
  cellText,
  excelSerialToIsoDate,
  labelKey,
} from "../core";
import { type MemorySheet, type MemoryWorkbook, formatOf } from "../excel/memoryWorkbook";
import { localeFormat, readTypedEntry } from "./typedEntry";

const useStyles = makeStyles({
  grid: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
    padding: tokens.spacingHorizontalM,
  },
  /** Filling its container's height (the web tracker), rather than the window's. */
  fill: {
    height: "100%",
    boxSizing: "border-box",
  },
  fillScroller: {
    flex: "1 1 auto",
    minHeight: 0,
    maxHeight: "none",
  },
  hint: {
    margin: 0,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  problem: {
    margin: 0,
    color: tokens.colorPaletteRedForeground1,
    fontSize: tokens.fontSizeBase200,
  },
  scroller: {
    overflow: "auto",
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
    maxHeight: "calc(100vh - 160px)",
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
    // Above the rows scrolled under it (a positioned cell, such as the one being edited, would otherwise paint over it).
    zIndex: 1,
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
    minWidth: "6ch",
    height: "20px",
    overflow: "hidden",
    textOverflow: "ellipsis",
    cursor: "cell",
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  formula: {
    fontStyle: "italic",
    color: tokens.colorNeutralForeground3,
  },
  active: {
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    // The focused cell is marked more strongly than the cursor: the keyboard's place is never invisible.
    ":focus-visible": {
      outline: `${tokens.strokeWidthThicker} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThicker})`,
    },
  },
  editing: {
    padding: 0,
    overflow: "visible",
  },
  editor: {
    boxSizing: "border-box",
    width: "100%",
    minWidth: "16ch",
    height: "20px",
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    borderRadius: 0,
    padding: `0 ${tokens.spacingHorizontalXXS}`,
    fontSize: tokens.fontSizeBase200,
    fontFamily: tokens.fontFamilyBase,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    outline: "none",
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
  },
  /** Stands for rows not drawn (scrolled out of view): as tall as they would be, with nothing in it. */
  spacer: {
    padding: 0,
    border: "none",
  },
});

const TABSTER_LEAVE_TAB = JSON.stringify({ focusable: { ignoreKeydown: { Tab: true } } });

/** Rows and columns shown beyond the sheet's last filled ones, so a person can type a new row below the table. */
const EXTRA_ROWS = 3;
const EXTRA_COLUMNS = 1;

/**
 * A sheet of more rows than this draws only the rows in view (and a margin
 * around them), so that a change to a long log lays out a screenful of rows,
 * not thousands: the rows above and below stand as empty rows of their
 * height, and the scroll bar is the sheet's. The cursor's, the entry's and the
 * selection's rows are always drawn, so the focus, a typed entry and the
 * selection survive scrolling away from them.
 */
const WINDOWED_FROM_ROWS = 200;
/** Rows drawn above and below the visible ones, so a scroll of a few rows draws nothing new. */
const MARGIN_ROWS = 12;
/** A row's height before one has been measured (a 20px cell and its border). */
const ESTIMATED_ROW_HEIGHT = 21;

/**
 * The rows to draw, as sorted, non-overlapping ranges [first, last] of row numbers. `view.top` is the
 * scroller's offset, which counts the caption and the column header above row 1: the margin covers them.
 */
function rowsToDraw(
  height: number,
  view: { readonly top: number; readonly height: number },
  rowHeight: number,
  pinned: readonly number[],
): Array<readonly [number, number]> {
  if (height < WINDOWED_FROM_ROWS) return [[1, height]];
  const first = Math.max(1, Math.floor(view.top / rowHeight) + 1 - MARGIN_ROWS);
  const last = Math.min(height, Math.ceil((view.top + view.height) / rowHeight) + MARGIN_ROWS);
  // The view can lie below the last row for a moment after the sheet shrinks: then only the pinned rows are drawn.
  const ranges: Array<[number, number]> = first <= last ? [[first, last]] : [];
  for (const row of pinned) if (row >= 1 && row <= height) ranges.push([row, row]);
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && range[0] <= previous[1] + 1) previous[1] = Math.max(previous[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function isFormula(value: CellValue): value is { formula: string } {
  return typeof value === "object" && value !== null && "formula" in value;
}

/** What a cell shows: a date as a date, a formula (which the preview cannot compute) as its text. */
function shown(sheet: MemorySheet, row: number, column: number, value: CellValue, dateSystem: "1900" | "1904"): string {
  if (value === null || value === undefined) return "";
  if (isFormula(value)) return value.formula;
  if (typeof value === "object") return cellText(value);
  if (typeof value === "number" && formatOf(sheet, row, column) === DATE_FORMAT)
    return excelSerialToIsoDate(value, dateSystem) ?? String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

interface Position {
  readonly row: number;
  readonly column: number;
}

interface Editing extends Position {
  readonly initial: string;
  readonly text: string;
  /** Why the entry was not taken (it stays as typed until corrected or cancelled). */
  readonly problem?: string;
  /** The id of the dropdown list the cell's column offers (Activity, Format, Credential, Rule set), if any. */
  readonly list?: string;
}

/** The form's field a cell of a sheet holds: a log column below the table's header row, a Profile value in column B. */
function fieldAt(sheet: MemorySheet, row: number, column: number): FieldDefinition | null {
  if (sheet.name === PROFILE_SHEET) return column === 1 ? (PROFILE_FIELDS[row - 1] ?? null) : null;
  if (sheet.name !== LOG_SHEET || row <= 1) return null;
  const header = sheet.cells[0]?.[column];
  return LOG_FIELD_DEFINITIONS.find((field) => typeof header === "string" && labelKey(header) === labelKey(field.label)) ?? null;
}

const listIdOf = (field: FieldDefinition | null): string | undefined =>
  field !== null && field.choices !== null ? `cst-choices-${field.key}` : undefined;

/** What a row's cells do, the same object for every render (its handlers read the grid's latest state). */
interface RowActions {
  select(at: Position): void;
  edit(at: Position): void;
  cellKeyDown(event: KeyboardEvent<HTMLTableCellElement>, at: Position): void;
  editorKeyDown(event: KeyboardEvent<HTMLInputElement>): void;
  type(text: string): void;
  leave(): void;
}

interface GridRowProps {
  readonly row: number;
  /** What each of the row's cells shows. */
  readonly texts: readonly string[];
  /** Which of them hold a formula. */
  readonly formulas: readonly boolean[];
  /** The cursor's column when the cursor is in this row, else -1. */
  readonly cursorColumn: number;
  /** The entry being typed when it is in this row, else null. */
  readonly editing: Editing | null;
  /** Whether the selection is in this row, and how many of its cells it covers. */
  readonly selected: boolean;
  readonly selectedColumns: number;
  readonly actions: RowActions;
}

const sameItems = <T,>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * One row of the sheet view. A change re-renders the rows it changed, not
 * the thousands around them: the row is drawn again only when what it shows,
 * the cursor, the entry or the selection in it changed.
 */
const GridRow = memo(
  function GridRow({ row, texts, formulas, cursorColumn, editing, selected, selectedColumns, actions }: GridRowProps) {
    const styles = useStyles();
    return (
      <tr data-row={row} aria-rowindex={row + 1} data-selected={selected ? "true" : undefined}>
        <th scope="row" className={mergeClasses(styles.rowHead, selected && styles.selected)}>
          {row}
        </th>
        {texts.map((text, column) => {
          const at = { row, column };
          const name = `${columnLetter(column)}${row}`;
          if (editing !== null && editing.column === column) {
            return (
              <td key={column} role="gridcell" className={mergeClasses(styles.cell, styles.editing)} data-cell={`${row},${column}`}>
                <input
                  className={styles.editor}
                  aria-label={`Edit cell ${name}`}
                  list={editing.list}
                  aria-invalid={editing.problem === undefined ? undefined : true}
                  aria-describedby={editing.problem === undefined ? undefined : "sheet-entry-problem"}
                  // Fluent's focus manager would move the focus on Tab before this input hears it: Tab commits and moves right, as in Excel.
                  data-tabster={TABSTER_LEAVE_TAB}
                  value={editing.text}
                  autoFocus
                  onFocus={(event) => event.currentTarget.setSelectionRange(editing.text.length, editing.text.length)}
                  onChange={(event) => actions.type(event.target.value)}
                  onKeyDown={(event) => actions.editorKeyDown(event)}
                  onBlur={() => actions.leave()}
                />
              </td>
            );
          }
          return (
            <td
              key={column}
              role="gridcell"
              data-cell={`${row},${column}`}
              tabIndex={cursorColumn === column ? 0 : -1}
              aria-label={`${name} ${text}`.trim()}
              className={mergeClasses(
                styles.cell,
                cursorColumn === column && styles.active,
                selected && column < selectedColumns && styles.selected,
                formulas[column] === true && styles.formula,
              )}
              onClick={() => actions.select(at)}
              onDoubleClick={() => actions.edit(at)}
              onKeyDown={(event) => actions.cellKeyDown(event, at)}
            >
              {text}
            </td>
          );
        })}
      </tr>
    );
  },
  (before, after) =>
    before.row === after.row &&
    before.cursorColumn === after.cursorColumn &&
    before.editing === after.editing &&
    before.selected === after.selected &&
    before.selectedColumns === after.selectedColumns &&
    before.actions === after.actions &&
    sameItems(before.texts, after.texts) &&
    sameItems(before.formulas, after.formulas),
);

/**
 * A view of the in-memory workbook's sheets, what Excel would show beside the
 * pane, where a person can type as in Excel: select a cell with the mouse or
 * the arrow keys; Enter, F2, a double-click or typing a character edits it;
 * Enter (or Tab) commits, Escape cancels; Delete clears. What is typed is read
 * as Excel reads it (MemoryWorkbook.setCell), and the pane follows.
 */
export function SheetGrid({ workbook, fill = false }: { workbook: MemoryWorkbook; fill?: boolean }) {
  const styles = useStyles();
  const snapshot = useSyncExternalStore(workbook.watch, workbook.getSnapshot);
  const visible = snapshot.sheets.filter((sheet) => !sheet.hidden);
  const [active, setActive] = useState<string | null>(null);
  const [cursor, setCursor] = useState<Position>({ row: 1, column: 0 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [focusCursor, setFocusCursor] = useState(false);
  const [locale] = useState(() => localeFormat());
  const gridRef = useRef<HTMLTableElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  // The scroller's offset and height, and a drawn row's height: which rows a long sheet draws.
  const [view, setView] = useState({ top: 0, height: 900 });
  const [rowHeight, setRowHeight] = useState(ESTIMATED_ROW_HEIGHT);
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
  // Which rows are in view follows the scroll bar and the scroller's size; a drawn row's height is measured once.
  // Both are read when the browser has laid the page out anyway (a resize observer's call, an animation frame
  // after a scroll), never forcing a layout of its own; a page without layout (jsdom) keeps the estimates.
  const measured = useRef(false);
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (scroller === null) return;
    let frame = 0;
    const follow = () => {
      frame = 0;
      if (!measured.current) {
        const drawn = scroller.querySelector("tbody tr[data-row]")?.getBoundingClientRect().height ?? 0;
        if (drawn > 0) {
          measured.current = true;
          setRowHeight(drawn);
        }
      }
      const top = Math.max(0, scroller.scrollTop);
      const height = scroller.clientHeight || 900;
      setView((before) => (before.top === top && before.height === height ? before : { top, height }));
    };
    const onScroll = () => {
      if (frame === 0) frame = requestAnimationFrame(follow);
    };
    scroller.addEventListener("scroll", onScroll, { passive: true });
    const resizes = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(follow);
    resizes?.observe(scroller);
    return () => {
      scroller.removeEventListener("scroll", onScroll);
      resizes?.disconnect();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, []);
  // Keyboard moves take the focus along to the new cell.
  useEffect(() => {
    if (!focusCursor || editing !== null) return;
    gridRef.current?.querySelector<HTMLElement>(`[data-cell="${cursor.row},${cursor.column}"]`)?.focus();
    setFocusCursor(false);
  }, [cursor, focusCursor, editing]);

  const sheet =
    visible.find((candidate) => candidate.name === active) ?? visible.find((candidate) => candidate.name === "Tracking Form") ?? visible[0];
  if (sheet === undefined) return <p>The workbook has no sheets.</p>;
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
        setEditing({ ...entry, problem: typed.message });
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
        formulas={Array.from({ length: width }, (_, column) => isFormula(cells[column]))}
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
    <section className={mergeClasses(styles.grid, fill && styles.fill)} aria-label={fill ? "Workbook" : "Workbook (preview)"}>
      <TabList
        selectedValue={sheet.name}
        onTabSelect={(_, data) => {
          setActive(String(data.value));
          setEditing(null);
          setCursor({ row: 1, column: 0 });
        }}
        size="small"
        aria-label="Sheets"
      >
        {visible.map((candidate) => (
          <Tab key={candidate.name} value={candidate.name}>
            {candidate.name}
          </Tab>
        ))}
      </TabList>
      <p className={styles.hint} id="sheet-grid-help">
        Type into the sheet as in Excel: select a cell, then type, or press Enter or F2 (or double-click) to edit it; Enter keeps what you
        typed, Escape cancels. Activity, Format and Credential cells offer the form's lists; dates and decimals may be typed as you write
        them.
      </p>
      {editing?.problem !== undefined && (
        <p className={styles.problem} id="sheet-entry-problem" role="alert">
          {columnLetter(editing.column)}
          {editing.row}: {editing.problem} (Escape cancels.)
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
        aria-label={`Sheet ${sheet.name}`}
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
            {selection !== null && selection.sheet === sheet.name ? ` · selected row ${selection.row}` : ""}
          </caption>
          <thead>
            <tr aria-rowindex={1}>
              <td className={styles.head} />
              {Array.from({ length: width }, (_, column) => (
                <th key={column} scope="col" className={styles.head}>
                  {columnLetter(column)}
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
