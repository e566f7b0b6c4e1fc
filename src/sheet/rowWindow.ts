/**
 * Which rows of a long sheet to draw: those in view and a margin around them
 * (and the rows that must stay drawn), measured when the browser has laid the
 * page out anyway.
 */
import { type RefObject, useEffect, useRef, useState } from "react";

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
export function rowsToDraw(
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

/**
 * The scroller's offset and height, and a drawn row's height: which rows a long sheet draws. Both are read
 * when the browser has laid the page out anyway (a resize observer's call, an animation frame after a
 * scroll), never forcing a layout of its own; a page without layout (jsdom) keeps the estimates.
 */
export function useRowWindow(scrollerRef: RefObject<HTMLDivElement | null>): {
  readonly view: { readonly top: number; readonly height: number };
  readonly rowHeight: number;
} {
  const [view, setView] = useState({ top: 0, height: 900 });
  const [rowHeight, setRowHeight] = useState(ESTIMATED_ROW_HEIGHT);
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
  }, [scrollerRef]);
  return { view, rowHeight };
}
