import { makeStyles, tokens } from "@fluentui/react-components";

/** The sheet view's styles: Fluent tokens only, so it follows the page's theme. */
export const useSheetStyles = makeStyles({
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
