import { makeStyles, shorthands, tokens } from "@fluentui/react-components";

export const usePaneStyles = makeStyles({
  pane: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    boxSizing: "border-box",
    maxWidth: "100%",
  },
  panel: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    minWidth: 0,
    // display: flex would otherwise show a tab panel its hidden attribute hides.
    "&[hidden]": { display: "none" },
  },
  section: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  subheading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  row: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    alignItems: "center",
  },
  form: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  ruleLink: {
    color: tokens.colorBrandForegroundLink,
    fontSize: tokens.fontSizeBase200,
    alignSelf: "center",
    whiteSpace: "nowrap",
  },
  hint: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    margin: 0,
  },
  /** Native selects size to their longest option: keep them inside the pane. */
  select: {
    width: "100%",
    minWidth: 0,
    maxWidth: "100%",
  },
  selectInner: {
    minWidth: 0,
    width: "100%",
    textOverflow: "ellipsis",
  },
  wrapText: {
    overflowWrap: "anywhere",
    minWidth: 0,
  },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  findingButton: {
    width: "100%",
    justifyContent: "flex-start",
    textAlign: "start",
    height: "auto",
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightRegular,
    overflowWrap: "anywhere",
    minWidth: 0,
  },
  findingPlace: {
    fontWeight: tokens.fontWeightSemibold,
  },
  errorMark: {
    color: tokens.colorPaletteRedForeground1,
  },
  warningMark: {
    color: tokens.colorPaletteDarkOrangeForeground1,
  },
  message: {
    minWidth: 0,
  },
  successMark: {
    color: tokens.colorPaletteGreenForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  dropZone: {
    ...shorthands.border(tokens.strokeWidthThick, "dashed", tokens.colorNeutralStroke1),
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    textAlign: "center",
    color: tokens.colorNeutralForeground2,
  },
  dropZoneActive: {
    ...shorthands.borderColor(tokens.colorBrandStroke1),
    backgroundColor: tokens.colorBrandBackground2,
  },
  dashboard: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  bigNumber: {
    fontSize: tokens.fontSizeHero800,
    lineHeight: tokens.lineHeightHero800,
    fontWeight: tokens.fontWeightSemibold,
    margin: 0,
  },
  details: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    "& summary": {
      cursor: "pointer",
      fontWeight: tokens.fontWeightSemibold,
      paddingTop: tokens.spacingVerticalXS,
      paddingBottom: tokens.spacingVerticalXS,
    },
    "& ul": { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  },
  logRow: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    minWidth: 0,
  },
  logActions: {
    display: "flex",
    columnGap: tokens.spacingHorizontalXS,
  },
  stat: {
    display: "grid",
    gridTemplateColumns: "1fr auto",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  statValue: {
    margin: 0,
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
  },
});
