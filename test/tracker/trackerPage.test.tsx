/** @jest-environment jsdom */
/**
 * The web tracker's page with the browser's file access stood in for:
 * open a CSV log (file input or drop), see it in the pane, change it, be
 * warned before closing, save it (a download where the browser cannot ask
 * where), be asked before a change is discarded or before sheets of the
 * opened file are saved over, and save the coordinator's record.
 */
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { RECORD_COLUMNS } from "../../src/core";
import { newDocument } from "../../src/tracker/document";
import type { FileAccess, FileHandle } from "../../src/tracker/fileAccess";
import { recordCsv } from "../../src/tracker/record";
import { TrackerPage } from "../../src/tracker/TrackerPage";
import { loadLanguage } from "../../src/taskpane/i18n";
import { readLogBytes } from "../../src/workbook/read-file";
import { buildWorkbook, utcDate } from "../workbook/build";

const AS_OF = "2025-01-15";
const CSV = [
  "Date,Activity,Format,Provider,Credential,Quantity,Notes",
  "2024-01-10,treatment,In person,Jane Roe,CST-T,6,",
  "2024-01-11,small-group,Virtual,,,6,",
  "2024-01-12,one-on-one,Virtual,Mo Mentor,Mentor,12,",
].join("\n");

interface Saved {
  readonly name: string;
  readonly bytes: Uint8Array;
}

function fakeFiles(overrides: Partial<FileAccess> = {}) {
  const downloads: Saved[] = [];
  const writes: Saved[] = [];
  const files: FileAccess = {
    canPickToOpen: false,
    canPickToSave: false,
    pickToOpen: jest.fn(async () => null),
    pickToSave: jest.fn(async () => null),
    mayWrite: jest.fn(async () => true),
    write: jest.fn(async (handle: FileHandle, bytes: Uint8Array) => void writes.push({ name: handle.name, bytes })),
    download: jest.fn((bytes: Uint8Array, name: string) => void downloads.push({ name, bytes })),
    ...overrides,
  };
  return { files, downloads, writes };
}

function handleFor(file: File): FileHandle {
  return { name: file.name, getFile: async () => file, createWritable: jest.fn() };
}

async function renderPage(files: FileAccess, requested: readonly string[] = ["en"]) {
  const initial = await newDocument();
  const exporter = { loadBuilder: async () => async () => new Uint8Array([80, 75]), open: jest.fn(async () => "downloaded" as const) };
  const language = await loadLanguage(requested);
  render(<TrackerPage initial={initial} files={files} asOf={AS_OF} exporter={exporter} language={language} />);
  await screen.findByRole("heading", { name: /^(Logged activities|Erfasste Aktivitäten)/ });
}

const state = () => screen.getByTestId("document-state").textContent;
const csvFile = (name = "log.csv", text = CSV) => new File([text], name, { type: "text/csv" });

async function openThroughInput(file: File) {
  fireEvent.change(screen.getByTestId("open-file"), { target: { files: [file] } });
  await screen.findByText(new RegExp(`^Opened ${file.name.replace(".", "\\.")}`));
}

function closingIsQuestioned(): boolean {
  const event = new Event("beforeunload", { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

async function removeRow(row: number) {
  fireEvent.click(await screen.findByRole("button", { name: `Remove row ${row}` }));
  fireEvent.click(
    within(await screen.findByRole("group", { name: `Remove row ${row}?` })).getByRole("button", { name: `Remove row ${row}` }),
  );
}

test("a CSV log opens into the pane, a change is unsaved until Save downloads the form, and closing asks only while it is unsaved", async () => {
  const { files, downloads } = fakeFiles();
  await renderPage(files);
  expect(state()).toBe("New, not saved yet");
  expect(screen.getByText(/your workbook stays on this computer and nothing is sent anywhere/)).toBeInTheDocument();

  await openThroughInput(csvFile());
  expect(
    screen.getByText("Opened log.csv: 3 activities. Save writes them as a tracking form (.xlsx), with a Profile sheet to fill in."),
  ).toBeInTheDocument();
  await screen.findByRole("heading", { name: "Logged activities (3)" });
  expect(screen.getByTestId("document-name").textContent).toBe("log.csv");
  await waitFor(() => expect(state()).toBe("No unsaved changes"));
  expect(closingIsQuestioned()).toBe(false);

  await removeRow(3);
  await screen.findByRole("heading", { name: "Logged activities (2)" });
  await waitFor(() => expect(state()).toBe("Unsaved changes"));
  expect(closingIsQuestioned()).toBe(true);
  expect(document.title).toBe("• log.csv · CST Mentorship Tracker");

  fireEvent.click(screen.getByRole("button", { name: "Save" }));
  await screen.findByText(/^Downloaded log\.xlsx/);
  expect(downloads.map((each) => each.name)).toEqual(["log.xlsx"]);
  const saved = await readLogBytes("log.xlsx", downloads[0]!.bytes);
  // As in Excel, the rows below a removed table row move up.
  expect(saved.log.rows.filter((row) => row.cells[0] !== null).map((row) => [row.row, row.cells[1]])).toEqual([
    [2, "treatment"],
    [3, "one-on-one"],
  ]);
  expect(saved.hasProfile).toBe(true);
  await waitFor(() => expect(state()).toBe("No unsaved changes"));
  expect(screen.getByTestId("document-name").textContent).toBe("log.xlsx");
  expect(closingIsQuestioned()).toBe(false);
});

test("opening another file while the form has unsaved changes asks first; Cancel keeps them", async () => {
  const { files } = fakeFiles();
  await renderPage(files);
  await openThroughInput(csvFile());
  await removeRow(2);
  await waitFor(() => expect(state()).toBe("Unsaved changes"));
  const choose = jest.spyOn(HTMLInputElement.prototype, "click").mockImplementation(() => undefined);

  fireEvent.click(screen.getByRole("button", { name: "Open…" }));
  const question = await screen.findByRole("group", { name: "Discard unsaved changes?" });
  expect(question).toHaveTextContent("Your changes to log.csv are not saved. Save first to keep them.");
  fireEvent.click(within(question).getByRole("button", { name: "Cancel" }));
  expect(screen.queryByRole("group", { name: "Discard unsaved changes?" })).toBeNull();
  expect(choose).not.toHaveBeenCalled();

  fireEvent.click(screen.getByRole("button", { name: "Open…" }));
  fireEvent.click(
    within(await screen.findByRole("group", { name: "Discard unsaved changes?" })).getByRole("button", {
      name: "Discard changes and open another file…",
    }),
  );
  expect(choose).toHaveBeenCalledTimes(1);
  choose.mockRestore();

  // A dropped file asks the same question, then opens.
  fireEvent.drop(screen.getByRole("banner"), { dataTransfer: { types: ["Files"], files: [csvFile("other.csv")] } });
  fireEvent.click(
    within(await screen.findByRole("group", { name: "Discard unsaved changes?" })).getByRole("button", {
      name: "Discard changes and open other.csv",
    }),
  );
  await screen.findByText(/^Opened other\.csv: 3 activities/);
  await waitFor(() => expect(state()).toBe("No unsaved changes"));
});

test("a file that is not a log is refused in one line, and the form stays", async () => {
  const { files } = fakeFiles();
  await renderPage(files);
  fireEvent.change(screen.getByTestId("open-file"), { target: { files: [new File(["x"], "hours.ods")] } });
  await screen.findByText(/^hours\.ods cannot be opened: it is an OpenDocument spreadsheet \(\.ods\), which is not read/);
  expect(screen.getByTestId("document-name").textContent).toBe("CST-tracking-form.xlsx");
});

test("with the system's pickers: Save writes back to the opened workbook, after asking once when sheets of it are not kept", async () => {
  const workbook = await buildWorkbook({
    profile: [["Mentee name", "Ann Mentee"]],
    rows: [[utcDate("2024-03-05"), "treatment", "In person", "Jane Roe", "CST-T", 6, ""]],
    extraSheets: ["Notes"],
  });
  const file = new File([workbook.slice().buffer], "mine.xlsx");
  const handle = handleFor(file);
  const { files, writes, downloads } = fakeFiles({
    canPickToOpen: true,
    canPickToSave: true,
    pickToOpen: jest.fn(async () => ({ file, handle })),
    pickToSave: jest.fn(async (_kind: string, name: string) => ({
      name: `copy of ${name}`,
      getFile: jest.fn(),
      createWritable: jest.fn(),
    })),
  });
  await renderPage(files);
  fireEvent.click(screen.getByRole("button", { name: "Open…" }));
  await screen.findByText("Opened mine.xlsx: 1 activity from the sheet “Tracking Form”.");
  expect(
    screen.getByText(/Not kept: the sheet “Notes”, other columns, formulas \(their values are kept\), comments and formatting\./),
  ).toBeInTheDocument();

  fireEvent.click(screen.getByRole("button", { name: "Save" }));
  const question = await screen.findByRole("group", { name: "Replace mine.xlsx?" });
  expect(question).toHaveTextContent("Saving over mine.xlsx writes the tracking form only: its sheet “Notes” would be gone from it.");
  fireEvent.click(within(question).getByRole("button", { name: "Replace mine.xlsx" }));
  await screen.findByText("Saved mine.xlsx.");
  expect(writes.map((each) => each.name)).toEqual(["mine.xlsx"]);
  expect((await readLogBytes("mine.xlsx", writes[0]!.bytes)).log.profileCells[0]).toBe("Ann Mentee");
  expect(screen.queryByText(/Not kept:/)).toBeNull();

  // The file is the form now: Save writes without asking; Save as asks where.
  fireEvent.click(screen.getByRole("button", { name: "Save" }));
  await waitFor(() => expect(writes).toHaveLength(2));
  fireEvent.click(screen.getByRole("button", { name: "Save as…" }));
  await screen.findByText("Saved copy of mine.xlsx.");
  expect(files.pickToSave).toHaveBeenCalledWith("form", "mine.xlsx");
  expect(downloads).toEqual([]);
});

test("the coordinator's record: opened into CST Verification, saved as the same CSV", async () => {
  const { files, downloads } = fakeFiles();
  await renderPage(files);
  fireEvent.click(screen.getByRole("tab", { name: "Coordinator" }));
  expect(await screen.findByRole("button", { name: "Save the record" })).toBeDisabled();
  const text = recordCsv([
    [
      "a.xlsx",
      "Ann Mentee",
      "ann@example.org",
      "",
      "2024-06-02 09:30 UTC",
      "Current program rules",
      1,
      6,
      6,
      12,
      "READY TO AWARD",
      "a".repeat(64),
      1,
      "",
      "0123456789abcdef fedcba9876543210",
    ],
  ]);
  fireEvent.change(screen.getByTestId("open-record"), { target: { files: [new File([text], "record.csv")] } });
  await screen.findByText(/^Opened the record record\.csv \(1 submission\)/);
  await waitFor(() => expect(screen.getByTestId("record-state")).toHaveTextContent("holds 1 submission, saved as record.csv"));
  expect(closingIsQuestioned()).toBe(false);

  fireEvent.click(screen.getByRole("button", { name: "Save the record" }));
  await screen.findByText("Downloaded the record of 1 submission as record.csv.");
  expect(new TextDecoder().decode(downloads[0]!.bytes)).toBe(text.replace(/^\uFEFF/, ""));
  expect(Array.from(downloads[0]!.bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
  expect(RECORD_COLUMNS[0]).toBe("File");
});

test("the record goes along when another form is opened", async () => {
  const { files } = fakeFiles();
  await renderPage(files);
  const text = recordCsv([["a.xlsx", "Ann", "", "", "", "Current program rules", 1, 6, 6, 12, "Ready to award", "b".repeat(64)]]);
  // The record is opened from the Coordinator tab, where its section is.
  fireEvent.click(screen.getByRole("tab", { name: "Coordinator" }));
  fireEvent.change(screen.getByTestId("open-record"), { target: { files: [new File([text], "record.csv")] } });
  await screen.findByText(/^Opened the record record\.csv/);
  await openThroughInput(csvFile());
  fireEvent.click(screen.getByRole("tab", { name: "Coordinator" }));
  await waitFor(() => expect(screen.getByTestId("record-state")).toHaveTextContent("holds 1 submission, saved as record.csv"));
});

test("what opening said goes once the form changes: the opened file's banner is done after the first edit", async () => {
  const { files } = fakeFiles();
  await renderPage(files);
  await openThroughInput(csvFile());
  const banner = "Opened log.csv: 3 activities. Save writes them as a tracking form (.xlsx), with a Profile sheet to fill in.";
  expect(screen.getByText(banner)).toBeInTheDocument();
  await removeRow(3);
  await screen.findByRole("heading", { name: "Logged activities (2)" });
  await waitFor(() => expect(screen.queryByText(banner)).toBeNull());
});

test("How it works opens the help in the page's language, and follows the language menu", async () => {
  await renderPage(fakeFiles().files, ["de-DE"]);
  expect(screen.getByRole("link", { name: "So funktioniert es" })).toHaveAttribute("href", "help.de.html#web-tracker");
  fireEvent.change(screen.getByTestId("language-menu"), { target: { value: "ja" } });
  expect(await screen.findByRole("link", { name: "しくみ" })).toHaveAttribute("href", "help.ja.html#web-tracker");
  fireEvent.change(screen.getByTestId("language-menu"), { target: { value: "en" } });
  expect(await screen.findByRole("link", { name: "How it works" })).toHaveAttribute("href", "help.html#web-tracker");
});

test("a file or a record that cannot be opened is refused in the page's language, a CSV line the form cannot hold too", async () => {
  const { files } = fakeFiles();
  await renderPage(files, ["de-DE"]);
  fireEvent.change(screen.getByTestId("open-file"), { target: { files: [new File(["x"], "hours.ods")] } });
  await screen.findByText(
    "hours.ods kann nicht geöffnet werden: Es ist eine OpenDocument-Tabelle (.ods), die nicht gelesen wird: Öffnen Sie sie in LibreOffice Calc und wählen Sie Datei › Speichern unter › Excel 2007-365 (.xlsx).",
  );
  fireEvent.change(screen.getByTestId("open-file"), { target: { files: [csvFile("extra.csv", `${CSV.trimEnd()},second\n`)] } });
  await screen.findByText(
    /^extra\.csv kann nicht geöffnet werden: Zeile \d+: Diese Zeile hat mehr Felder als die Kopfzeile: ",second" bleibt/,
  );
  fireEvent.click(screen.getByRole("tab", { name: "Koordination" }));
  fireEvent.change(await screen.findByTestId("open-record"), { target: { files: [new File(["Date,Activity\n"], "notes.csv")] } });
  await screen.findByText(
    "notes.csv kann nicht geöffnet werden: Die Datei ist kein Nachweis der Prüfungen (ihre erste Spalte ist nicht File).",
  );
  expect(screen.queryByText(/cannot be opened/)).toBeNull();
});

test("what opening and saving say is in the page's language: what was read, what Save does not keep, the question before replacing", async () => {
  const workbook = await buildWorkbook({
    profile: [["Mentee name", "Ann Mentee"]],
    rows: [[utcDate("2024-03-05"), "treatment", "In person", "Jane Roe", "CST-T", 6, ""]],
    extraSheets: ["Notes", "Budget"],
  });
  const file = new File([workbook.slice().buffer], "mine.xlsx");
  const { files } = fakeFiles({
    canPickToOpen: true,
    canPickToSave: true,
    pickToOpen: jest.fn(async () => ({ file, handle: handleFor(file) })),
  });
  await renderPage(files, ["de-DE"]);
  fireEvent.change(screen.getByTestId("open-file"), { target: { files: [csvFile()] } });
  await screen.findByText(
    "log.csv geöffnet: 3 Aktivitäten. Speichern schreibt sie als Erfassungsformular (.xlsx), mit einem Blatt Profile zum Ausfüllen.",
  );
  await waitFor(() => expect(state()).toBe("Keine ungespeicherten Änderungen"));
  fireEvent.click(screen.getByRole("button", { name: "Öffnen…" }));
  await screen.findByText("mine.xlsx geöffnet: 1 Aktivität aus dem Blatt „Tracking Form“.");
  expect(screen.getByText(/^Speichern schreibt nur das Erfassungsformular/)).toHaveTextContent(
    "Nicht übernommen werden: die Blätter „Notes“ und „Budget“, weitere Spalten, Formeln (ihre Werte bleiben erhalten), Kommentare und Formatierung. mine.xlsx bleibt unverändert, bis Sie darüber speichern.",
  );
  fireEvent.click(screen.getByRole("button", { name: "Speichern" }));
  const question = await screen.findByRole("group", { name: "mine.xlsx ersetzen?" });
  expect(question).toHaveTextContent(
    "Wenn Sie über mine.xlsx speichern, wird nur das Erfassungsformular geschrieben: Die Blätter „Notes“ und „Budget“ wären danach nicht mehr darin.",
  );
  expect(
    within(question)
      .getAllByRole("button")
      .map((button) => button.textContent),
  ).toEqual(["Als neue Datei speichern…", "mine.xlsx ersetzen", "Abbrechen"]);
});
