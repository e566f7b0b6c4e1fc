/**
 * Workbooks written at test time by the tools mentees use: openpyxl (with a
 * chart, a chart sheet, a comment, an image, times of day, the 1904 date
 * system, a formula without a saved result), LibreOffice and gnumeric
 * re-saves of those, SheetJS with and without `cellDates`, an openpyxl
 * file rewritten with the main namespace prefixed (`x:`) as the Open XML
 * SDK writes it, XlsxWriter (a table, a plain sheet, constant-memory mode),
 * pandas' to_excel and Perl's Excel::Writer::XLSX. Every one holds the same log: 1 credit, hours A 6, B 6,
 * C 12 as of 2024-12-31 under the current rules.
 *
 * Where a tool is missing: with CI set the test fails naming the Debian
 * package; elsewhere it is skipped.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";

export const PYTHON = "/usr/bin/python3";
export const AS_OF = "2024-12-31";
export const EXPECTED = { credits: 1, hours: { A: 6, B: 6, C: 12 } };

export interface Tool {
  readonly name: string;
  readonly debianPackage: string;
  readonly available: () => boolean;
}

const works = (command: string, args: readonly string[]): boolean => spawnSync(command, args, { stdio: "ignore" }).status === 0;

export const OPENPYXL: Tool = {
  name: "openpyxl",
  debianPackage: "python3-openpyxl",
  available: () => works(PYTHON, ["-c", "import openpyxl"]),
};
export const PIL: Tool = {
  name: "Pillow (openpyxl's images)",
  debianPackage: "python3-pil",
  available: () => works(PYTHON, ["-c", "import PIL"]),
};
export const LIBREOFFICE: Tool = {
  name: "LibreOffice",
  debianPackage: "libreoffice-calc-nogui",
  available: () => works("sh", ["-c", "command -v soffice"]),
};
export const GNUMERIC: Tool = {
  name: "gnumeric's ssconvert",
  debianPackage: "gnumeric",
  available: () => works("sh", ["-c", "command -v ssconvert"]),
};

export const XLSXWRITER: Tool = {
  name: "XlsxWriter",
  debianPackage: "python3-xlsxwriter",
  available: () => works(PYTHON, ["-c", "import xlsxwriter"]),
};
export const PANDAS: Tool = {
  name: "pandas",
  debianPackage: "python3-pandas",
  available: () => works(PYTHON, ["-c", "import pandas"]),
};
export const EXCEL_WRITER_XLSX: Tool = {
  name: "Excel::Writer::XLSX (Perl)",
  debianPackage: "libexcel-writer-xlsx-perl",
  available: () => works("perl", ["-MExcel::Writer::XLSX", "-e", "1"]),
};

export const PYTHON_UNO: Tool = {
  name: "LibreOffice's Python bridge",
  debianPackage: "python3-uno",
  available: () => works(PYTHON, ["-c", "import uno"]),
};

/** Whether to run a test that needs these tools: fails under CI when one is missing, skips elsewhere. */
export function toolsReady(...tools: readonly Tool[]): boolean {
  const missing = tools.filter((tool) => !tool.available());
  if (missing.length === 0) return true;
  if (process.env.CI) {
    throw new Error(`missing on this machine: ${missing.map((tool) => `${tool.name} (Debian package ${tool.debianPackage})`).join(", ")}`);
  }
  return false;
}

const OPENPYXL_SCRIPT = String.raw`
import datetime, sys
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.worksheet.table import Table

out, variant = sys.argv[1], sys.argv[2]
wb = Workbook()
if variant == "1904":
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    wb.epoch = CALENDAR_MAC_1904
profile = wb.active
profile.title = "Profile"
for label, value in [("Mentee name", "Ann Mentee"), ("Email", "ann@example.org"), ("CST-T certified on", None),
                     ("CST-D certified on", None), ("Credits already awarded", 0), ("Rule set", "current")]:
    profile.append([label, value])
log = wb.create_sheet("Tracking Form")
log.append(["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"])
log.append([datetime.datetime(2024, 3, 5, 18, 30), "treatment", "In person", "Jane Roe", "CST-T", 6, "first"])
log.append([datetime.date(2024, 3, 6), "small-group", "Virtual", None, None, 6, None])
log.append([datetime.datetime(2024, 3, 7, 23, 59), "one-on-one", "Virtual", "Mo Mentor", "Mentor", 12, "late in the day"])
for row in range(2, 5):
    log.cell(row=row, column=1).number_format = "yyyy-mm-dd"
log.add_table(Table(displayName="MentorshipLog", ref="A1:G4"))
if variant in ("rich", "1904"):
    log["D2"].comment = Comment("Treating therapist", "Coordinator")
    chart = BarChart()
    chart.add_data(Reference(log, min_col=6, min_row=1, max_row=4), titles_from_data=True)
    log.add_chart(chart, "I2")
    sheet = wb.create_chartsheet("Hours chart")
    other = BarChart()
    other.add_data(Reference(log, min_col=6, min_row=1, max_row=4), titles_from_data=True)
    sheet.add_chart(other)
    notes = wb.create_sheet("Notes")
    notes["A1"] = "Total"
    notes["B1"] = "=SUM('Tracking Form'!F2:F4)"
    notes["A2"] = "Missing"
    notes["B2"] = "#N/A"
if variant == "image":
    from PIL import Image as PILImage
    from openpyxl.drawing.image import Image
    png = out + ".png"
    PILImage.new("RGB", (8, 8), (200, 30, 30)).save(png)
    log.add_image(Image(png), "I2")
if variant == "csv":
    wb.remove(profile)
    log["G2"] = "5 € parking, “quoted”; Zoë"
if variant == "formula":
    log["F4"] = "=6*2"
    log["G3"] = "#N/A"
if variant == "note-formula":
    log["G2"] = "=see email"
wb.save(out)
`;

/**
 * An openpyxl workbook: "rich" (chart, chart sheet, comment, formula and
 * error cells elsewhere), "1904", "image", "formula", "note-formula" (a
 * note `=see email`, which openpyxl saves as a formula without a result),
 * or "csv" (the log sheet alone, with a note in characters outside ASCII).
 */
export function writeOpenpyxl(file: string, variant: "rich" | "1904" | "image" | "formula" | "note-formula" | "csv"): string {
  execFileSync(PYTHON, ["-c", OPENPYXL_SCRIPT, file, variant]);
  return file;
}

const PREFIX_SCRIPT = String.raw`
import sys, zipfile
import xml.etree.ElementTree as ET
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ET.register_namespace("x", MAIN)
ET.register_namespace("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships")
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename.startswith("xl/") and item.filename.endswith(".xml") and MAIN.encode() in data:
            root = ET.fromstring(data)
            data = ET.tostring(root, xml_declaration=True, encoding="UTF-8")
            assert b"<x:" in data
        zout.writestr(item, data)
`;

/** The same workbook with SpreadsheetML's namespace written with the prefix `x:`, rewritten by Python's ElementTree. */
export function writePrefixed(source: string, file: string): string {
  execFileSync(PYTHON, ["-c", PREFIX_SCRIPT, source, file]);
  return file;
}

const SHEETJS_SCRIPT = String.raw`
const XLSX = require("xlsx");
const [out, cellDates] = [process.argv[1], process.argv[2] === "dates"];
const day = (y, m, d, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));
const rows = [
  ["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"],
  [day(2024, 3, 5, 18, 30), "treatment", "In person", "Jane Roe", "CST-T", 6, "first"],
  [day(2024, 3, 6), "small-group", "Virtual", null, null, 6, null],
  [day(2024, 3, 7, 23, 59), "one-on-one", "Virtual", "Mo Mentor", "Mentor", 12, "late in the day"],
];
const wb = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["Mentee name", "Ann Mentee"], ["Email", "ann@example.org"]]), "Profile");
XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows, { cellDates, dateNF: "yyyy-mm-dd" }), "Tracking Form");
XLSX.writeFile(wb, out, { cellDates, bookType: "xlsx" });
`;

/** A SheetJS workbook (npm xlsx), written in a process in UTC: with `cellDates`, dates are ISO cells (`t="d"`). */
export function writeSheetJs(file: string, cellDates: boolean, root: string): string {
  execFileSync(process.execPath, ["-e", SHEETJS_SCRIPT, file, cellDates ? "dates" : "serials"], {
    cwd: root,
    env: { ...process.env, TZ: "UTC" },
  });
  return file;
}

/** Re-saves workbooks with LibreOffice (a private profile, so it runs beside any other instance). */
export function resaveWithLibreOffice(files: readonly string[], folder: string): string[] {
  const out = join(folder, "libreoffice");
  mkdirSync(out, { recursive: true });
  const profile = join(folder, "lo-profile");
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "xlsx:Calc MS Excel 2007 XML",
      "--outdir",
      out,
      ...files,
    ],
    { stdio: "ignore", timeout: 180_000 },
  );
  return files.map((file) => {
    const converted = join(out, file.slice(file.lastIndexOf("/") + 1));
    if (!existsSync(converted)) throw new Error(`LibreOffice did not convert ${file}`);
    const renamed = converted.replace(/\.xlsx$/, ".libreoffice.xlsx");
    renameSync(converted, renamed);
    return renamed;
  });
}

/** Re-saves a workbook with gnumeric's ssconvert. */
export function resaveWithGnumeric(file: string, target: string): string {
  execFileSync("ssconvert", ["--export-type=Gnumeric_Excel:xlsx2", file, target], { stdio: "ignore", timeout: 120_000 });
  return target;
}

/**
 * Saves the first sheet of a workbook as CSV with LibreOffice, with its CSV
 * filter's options: the separator and the character set by their codes
 * (44 comma, 59 semicolon, 9 tab; 76 UTF-8, 1 Windows-1252, 65535 UTF-16).
 */
export function saveCsvWithLibreOffice(file: string, folder: string, separator: number, charset: number): string {
  const out = join(folder, `csv-${separator}-${charset}`);
  mkdirSync(out, { recursive: true });
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${join(folder, "lo-profile")}`,
      "--headless",
      "--norestore",
      "--convert-to",
      `csv:Text - txt - csv (StarCalc):${separator},34,${charset},1`,
      "--outdir",
      out,
      file,
    ],
    { stdio: "ignore", timeout: 120_000 },
  );
  const converted = join(out, file.slice(file.lastIndexOf("/") + 1).replace(/\.xlsx$/, ".csv"));
  if (!existsSync(converted)) throw new Error(`LibreOffice did not save ${file} as CSV`);
  return converted;
}

const XLSXWRITER_SCRIPT = String.raw`
import datetime, sys
import xlsxwriter

out, variant = sys.argv[1], sys.argv[2]
options = {"constant_memory": True, "strings_to_numbers": False} if variant == "constant-memory" else {}
wb = xlsxwriter.Workbook(out, options)
date = wb.add_format({"num_format": "yyyy-mm-dd"})
profile = wb.add_worksheet("Profile")
for r, (label, value) in enumerate([("Mentee name", "Ann Mentee"), ("Email", "ann@example.org"), ("Rule set", "current")]):
    profile.write_string(r, 0, label)
    profile.write_string(r, 1, value)
log = wb.add_worksheet("Tracking Form")
headers = ["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"]
rows = [
    [datetime.datetime(2024, 3, 5, 18, 30), "treatment", "In person", "Jane Roe", "CST-T", 6, "first"],
    [datetime.date(2024, 3, 6), "small-group", "Virtual", None, None, 6, None],
    [datetime.datetime(2024, 3, 7, 23, 59), "one-on-one", "Virtual", "Mo Mentor", "Mentor", 12, "late in the day"],
]
if variant == "table":
    log.add_table(0, 0, len(rows), len(headers) - 1, {"name": "MentorshipLog", "columns": [{"header": h} for h in headers]})
else:
    for c, header in enumerate(headers):
        log.write_string(0, c, header)
for r, row in enumerate(rows, start=1):
    log.write_datetime(r, 0, row[0], date)
    for c, value in enumerate(row[1:], start=1):
        if value is not None:
            log.write(r, c, value)
wb.close()
`;

/** An XlsxWriter workbook: the log in a "table", on a "plain" sheet, or written in "constant-memory" mode (inline strings). */
export function writeXlsxWriter(file: string, variant: "table" | "plain" | "constant-memory"): string {
  execFileSync(PYTHON, ["-c", XLSXWRITER_SCRIPT, file, variant]);
  return file;
}

const PANDAS_SCRIPT = String.raw`
import datetime, sys
import pandas as pd

out, engine = sys.argv[1], sys.argv[2]
log = pd.DataFrame(
    [
        [datetime.datetime(2024, 3, 5, 18, 30), "treatment", "In person", "Jane Roe", "CST-T", 6, "=see email"],
        [datetime.datetime(2024, 3, 6), "small-group", "Virtual", None, None, 6, None],
        [datetime.datetime(2024, 3, 7, 23, 59), "one-on-one", "Virtual", "Mo Mentor", "Mentor", 12, "late in the day"],
    ],
    columns=["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"],
)
profile = pd.DataFrame([["Mentee name", "Ann Mentee"], ["Email", "ann@example.org"]])
with pd.ExcelWriter(out, engine=engine) as writer:
    profile.to_excel(writer, sheet_name="Profile", header=False, index=False)
    log.to_excel(writer, sheet_name="Tracking Form", index=False)
`;

/**
 * A workbook written by pandas' to_excel, through its openpyxl or xlsxwriter engine. The first row's note
 * is "=see email", which both engines write as a formula: openpyxl without a result, XlsxWriter with 0.
 */
export function writePandas(file: string, engine: "openpyxl" | "xlsxwriter"): string {
  execFileSync(PYTHON, ["-c", PANDAS_SCRIPT, file, engine]);
  return file;
}

const EXCEL_WRITER_XLSX_SCRIPT = String.raw`
use strict;
use Excel::Writer::XLSX;
my $wb = Excel::Writer::XLSX->new($ARGV[0]) or die;
my $date = $wb->add_format(num_format => 'yyyy-mm-dd');
my $profile = $wb->add_worksheet('Profile');
$profile->write_col(0, 0, ['Mentee name', 'Email']);
$profile->write_col(0, 1, ['Ann Mentee', 'ann@example.org']);
my $log = $wb->add_worksheet('Tracking Form');
$log->write_row(0, 0, ['Date', 'Activity', 'Format', 'Provider', 'Credential', 'Quantity', 'Notes']);
my @rows = (
  ['2024-03-05T18:30', 'treatment', 'In person', 'Jane Roe', 'CST-T', 6, 'first'],
  ['2024-03-06T', 'small-group', 'Virtual', undef, undef, 6, undef],
  ['2024-03-07T23:59', 'one-on-one', 'Virtual', 'Mo Mentor', 'Mentor', 12, 'late in the day'],
);
for my $r (0 .. $#rows) {
  my @row = @{$rows[$r]};
  $log->write_date_time($r + 1, 0, shift @row, $date);
  for my $c (0 .. $#row) { $log->write($r + 1, $c + 1, $row[$c]) if defined $row[$c]; }
}
$log->add_table(0, 0, 3, 6, { name => 'MentorshipLog', columns => [map { { header => $_ } } qw(Date Activity Format Provider Credential Quantity Notes)] });
$wb->close() or die;
`;

/** A workbook written by Perl's Excel::Writer::XLSX, the log in a table. */
export function writeExcelWriterXlsx(file: string): string {
  execFileSync("perl", ["-e", EXCEL_WRITER_XLSX_SCRIPT, file]);
  return file;
}

const UNO_TYPING_SCRIPT = String.raw`
import json, subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

source, out, profile, pipe, sheet_name, first, rows = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), json.loads(sys.argv[7])
office = subprocess.Popen(["soffice", "--headless", "--norestore", "--invisible", "-env:UserInstallation=" + profile,
                           "--accept=pipe,name=" + pipe + ";urp;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for attempt in range(600):
        try:
            ctx = resolver.resolve("uno:pipe,name=" + pipe + ";urp;StarOffice.ComponentContext")
            break
        except Exception:
            if attempt == 599:
                raise
            time.sleep(0.1)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
    sheet = doc.Sheets.getByName(sheet_name)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            if text != "":
                # setFormula is the cell's input line: "2024-01-10" becomes a date and "6" a number, as typed.
                sheet.getCellByPosition(j, first - 1 + i).setFormula(text)
    if doc.Sheets.hasByName("Profile"):
        doc.Sheets.getByName("Profile").getCellRangeByName("B1:B20").clearContents(1 | 2 | 4 | 16)
    doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    try:
        office.wait(timeout=60)
    except subprocess.TimeoutExpired:
        office.kill()
`;

/**
 * A workbook typed into with LibreOffice Calc (through its Python bridge, a private profile): each text
 * of `rows` entered in the sheet's cells from row `first`, column A, as the input line takes it; the
 * Profile sheet's values cleared (a CSV log has none). Saved as .xlsx to `out`.
 */
export function typeWithLibreOffice(
  source: string,
  out: string,
  folder: string,
  sheet: string,
  first: number,
  rows: readonly (readonly string[])[],
): string {
  const pipe = `cst-${process.pid}-${Date.now()}`;
  execFileSync(
    PYTHON,
    ["-c", UNO_TYPING_SCRIPT, source, out, `file://${join(folder, "uno-profile")}`, pipe, sheet, String(first), JSON.stringify(rows)],
    {
      stdio: "ignore",
      timeout: 180_000,
    },
  );
  if (!existsSync(out)) throw new Error(`LibreOffice did not save ${out}`);
  return out;
}
