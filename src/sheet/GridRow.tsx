/**
 * One row of the sheet view, drawn again only when what it shows, the
 * cursor, the entry or the selection in it changed.
 */
import { mergeClasses } from "@fluentui/react-components";
import { type KeyboardEvent, memo } from "react";
import { columnLetter } from "../core";
import type { Editing, Position } from "./cells";
import { useSheetStyles } from "./styles";
import { useSheetT } from "./words";

const TABSTER_LEAVE_TAB = JSON.stringify({ focusable: { ignoreKeydown: { Tab: true } } });

/** What a row's cells do, the same object for every render (its handlers read the grid's latest state). */
export interface RowActions {
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
export const GridRow = memo(
  function GridRow({ row, texts, formulas, cursorColumn, editing, selected, selectedColumns, actions }: GridRowProps) {
    const t = useSheetT();
    const styles = useSheetStyles();
    return (
      <tr data-row={row} aria-rowindex={row + 1} data-selected={selected ? "true" : undefined}>
        <th scope="row" className={mergeClasses(styles.rowHead, selected && styles.selected)}>
          {row}
        </th>
        {texts.map((text, column) => {
          const at = { row, column };
          const name = `${columnLetter(column + 1)}${row}`;
          if (editing !== null && editing.column === column) {
            return (
              <td key={column} role="gridcell" className={mergeClasses(styles.cell, styles.editing)} data-cell={`${row},${column}`}>
                <input
                  className={styles.editor}
                  aria-label={t("sheet.editCell", { cell: name })}
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
