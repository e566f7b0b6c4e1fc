/** @jest-environment jsdom */
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { prepareSubmission } from "../../src/core/submission";
import { MemoryWorkbook } from "../../src/excel/memoryWorkbook";
import { AS_OF, LOG_SHEET, SAMPLE_ROWS, allFields, cellsOf, formWorkbook, renderApp, serial, submissionFile } from "./helpers";

const ROWS = SAMPLE_ROWS;

/** A submission as the export writes it: the form plus a Submission sheet of the same log. */
async function submissionWorkbook(): Promise<MemoryWorkbook> {
  const workbook = await formWorkbook(ROWS);
  const content = await workbook.readForm();
  const prepared = await prepareSubmission(content.log, { asOf: AS_OF, exportedAt: "2025-01-15T10:00:00.000Z" });
  if (!prepared.ok) throw new Error("the sample should export");
  const submission = new MemoryWorkbook({
    sheets: [{ name: "Submission", cells: prepared.submission.sheet.lines.map((line) => [line.label, line.value]) }],
  });
  await submission.insertForm();
  await submission.writeProfile(allFields(prepared.submission.log.profileCells));
  for (const row of ROWS) await submission.appendRow(row);
  return submission;
}

async function verifyThisWorkbook() {
  await userEvent.click(await screen.findByRole("tab", { name: "Coordinator" }));
  await userEvent.click(screen.getByRole("button", { name: "Verify this workbook" }));
  return screen.findByRole("list", { name: "Verified submissions" });
}

describe("coordinator view: the open workbook", () => {
  test("recomputes from the rows and writes each row's status beside the input, never into it", async () => {
    const workbook = await formWorkbook([...ROWS, [serial("2024-01-13"), "Reiki", "In person", "", "", 1, ""]]);
    const before = cellsOf(workbook, LOG_SHEET).map((row) => row.slice(0, 7));
    renderApp(workbook);
    const list = await verifyThisWorkbook();
    const item = within(list).getByText("This workbook").closest("li") as HTMLElement;
    expect(within(item).getByTestId("verification-state")).toHaveTextContent("HAS ERRORS");
    expect(within(item).getByTestId("verified-mentee")).toHaveTextContent("Ada Quint");
    expect(item).toHaveTextContent("ada@example.org");
    expect(item).toHaveTextContent("1 credit");
    expect(item).toHaveTextContent("A 6 h · B 6 h · C 12 h");
    expect(item).toHaveTextContent("Next credit (the 2nd): still needs A 12 h and C 12 h");
    expect(within(item).getByRole("button", { name: /^Row 5: Activity "Reiki"/ })).toBeInTheDocument();
    const after = cellsOf(workbook, LOG_SHEET);
    expect(after.map((row) => row.slice(0, 7))).toEqual(before);
    expect(after.map((row) => row[7])).toEqual([
      "CST Status",
      "OK",
      "OK",
      "OK",
      expect.stringMatching(/^Does not count: Activity "Reiki"/),
    ]);
  });

  test("a submission as exported is ready to award; edited after export says what changed", async () => {
    const workbook = await submissionWorkbook();
    renderApp(workbook);
    let list = await verifyThisWorkbook();
    expect(within(list).getByTestId("verification-state")).toHaveTextContent("READY TO AWARD");
    await act(async () => {
      workbook.setCell(LOG_SHEET, 4, 5, 13);
    });
    await userEvent.click(screen.getByRole("button", { name: "Verify this workbook" }));
    list = await screen.findByRole("list", { name: "Verified submissions" });
    await within(list).findByText("EDITED after export: row 4 changed");
  });

  test("a changed stored summary is listed as a difference", async () => {
    const workbook = await submissionWorkbook();
    const creditsRow = cellsOf(workbook, "Submission").findIndex((row) => row[0] === "Credits earned") + 1;
    workbook.setCell("Submission", creditsRow, 1, 3);
    renderApp(workbook);
    const list = await verifyThisWorkbook();
    expect(within(list).getByTestId("verification-state")).toHaveTextContent("SUMMARY DIFFERS from the recomputed one: Credits earned");
    expect(within(list).getByRole("list", { name: "Summary differences" })).toHaveTextContent("Credits earned: stored 3, recomputed 1");
  });
});

describe("coordinator view: submission files", () => {
  test("several files at once: each verified with the command line's readers; Record appends one row each, never twice", async () => {
    const workbook = await formWorkbook([]);
    renderApp(workbook);
    await userEvent.click(await screen.findByRole("tab", { name: "Coordinator" }));
    const files = [
      await submissionFile("a-unchanged.xlsx"),
      await submissionFile("b-edited.xlsx", (book) => (book.getWorksheet("Tracking Form")!.getCell("F3").value = 9)),
      new File(
        ["Date,Activity,Format,Provider,Credential,Quantity,Notes\n03/04/2024,treatment,Virtual,Jane Roe,CST-T,2,\n"],
        "c-errors.csv",
        {
          type: "text/csv",
        },
      ),
      new File(["not a workbook"], "d-broken.xlsx"),
    ];
    await userEvent.upload(screen.getByTestId("submission-files"), files);
    const list = await screen.findByRole("list", { name: "Verified submissions" });
    const item = (name: string) => within(list).getByText(name).closest("li") as HTMLElement;
    expect(within(item("a-unchanged.xlsx")).getByTestId("verification-state")).toHaveTextContent("READY TO AWARD");
    expect(item("a-unchanged.xlsx")).toHaveTextContent(/exported 2025-01-15 10:00 UTC/);
    expect(within(item("b-edited.xlsx")).getByTestId("verification-state")).toHaveTextContent("EDITED after export: row 3 changed");
    expect(within(item("c-errors.csv")).getByTestId("verification-state")).toHaveTextContent("HAS ERRORS");
    expect(item("d-broken.xlsx")).toHaveTextContent(/CANNOT BE READ: it is not an Excel workbook/);
    // docs/rules.md §4: the same words as the command line, listed in its order (attention first); only READY TO AWARD is green.
    expect(screen.getByTestId("verification-totals")).toHaveTextContent(
      "4 files: 1 CANNOT BE READ, 1 EDITED after export, 1 HAS ERRORS, 1 READY TO AWARD.",
    );
    expect(within(list).queryAllByTestId(/verification-state/).length).toBe(4);
    expect(
      within(list)
        .getAllByTestId("verification-state")
        .map((each) => each.getAttribute("data-state")),
    ).toEqual(["unreadable", "edited", "has-errors", "ready"]);

    await userEvent.click(screen.getByRole("button", { name: "Record in CST Verification" }));
    await screen.findByText("Recorded 3 submissions in the CST Verification sheet.");
    const record = cellsOf(workbook, "CST Verification");
    expect(record[1]?.slice(0, 3)).toEqual(["File", "Mentee", "Email"]);
    expect(record.slice(2).map((row) => [row[0], row[10]])).toEqual([
      ["a-unchanged.xlsx", "READY TO AWARD"],
      ["b-edited.xlsx", "EDITED after export"],
      ["c-errors.csv", "HAS ERRORS"],
    ]);
    await userEvent.click(screen.getByRole("button", { name: "Record in CST Verification" }));
    await screen.findByText("Recorded 0 submissions in the CST Verification sheet (3 already recorded, by fingerprint).");
    expect(cellsOf(workbook, "CST Verification")).toHaveLength(record.length);
  });
});

describe("coordinator view: the desk", () => {
  const csv = (name: string, rows: string) =>
    new File([`Date,Activity,Format,Provider,Credential,Quantity,Notes\n${rows}`], name, { type: "text/csv" });

  test("an edited submission opens to the changed row's cells under the log's headers", async () => {
    renderApp(await formWorkbook([]));
    await userEvent.click(await screen.findByRole("tab", { name: "Coordinator" }));
    const edited = await submissionFile("edited.xlsx", (book) => {
      const sheet = book.getWorksheet("Tracking Form")!;
      sheet.getCell("F3").value = 9;
      sheet.getCell("G3").value = "two more hours";
    });
    await userEvent.upload(screen.getByTestId("submission-files"), [edited]);
    const list = await screen.findByRole("list", { name: "Verified submissions" });
    await userEvent.click(within(list).getByText("Findings and changes"));
    const changes = within(list).getByRole("list", { name: "Changes in edited.xlsx" });
    const row = within(changes).getByTestId("changed-row");
    expect(row).toHaveTextContent(/^Row 3 changed:/);
    const cells = within(row)
      .getAllByRole("cell")
      .map((cell) => cell.textContent);
    expect(cells).toEqual(["2024-01-11", "Small group mentorship (4–8 participants)", "In person", "", "", "9", "two more hours"]);
    expect(
      within(row)
        .getAllByRole("columnheader")
        .map((cell) => cell.textContent),
    ).toEqual(["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"]);
  });

  test("sorted by state (attention first), by mentee or by export date; the filter keeps what needs attention", async () => {
    renderApp(await formWorkbook([]));
    await userEvent.click(await screen.findByRole("tab", { name: "Coordinator" }));
    await userEvent.upload(screen.getByTestId("submission-files"), [
      await submissionFile("ready.xlsx"),
      csv("zed.csv", ""),
      await submissionFile("edited.xlsx", (book) => (book.getWorksheet("Tracking Form")!.getCell("F3").value = 9)),
      csv("errors.csv", "03/04/2024,treatment,Virtual,Jane Roe,CST-T,2,\n"),
    ]);
    const list = await screen.findByRole("list", { name: "Verified submissions" });
    const files = () =>
      within(screen.getByRole("list", { name: "Verified submissions" }))
        .getAllByTestId("verified-mentee")
        .map((each) => each.lastChild?.textContent);
    expect(files()).toEqual(["edited.xlsx", "errors.csv", "zed.csv", "ready.xlsx"]);
    const sorting = screen.getByRole("group", { name: "Sort the results" });
    await userEvent.click(within(sorting).getByRole("button", { name: "State ↑" }));
    expect(files()).toEqual(["ready.xlsx", "zed.csv", "errors.csv", "edited.xlsx"]);
    // Files without an export date (the CSV logs) come last either way.
    await userEvent.click(within(sorting).getByRole("button", { name: "Exported" }));
    expect(files()).toEqual(["edited.xlsx", "ready.xlsx", "errors.csv", "zed.csv"]);
    await userEvent.click(within(sorting).getByRole("button", { name: "Mentee" }));
    expect(files().slice(0, 2)).toEqual(["edited.xlsx", "ready.xlsx"]);
    expect(within(list).getAllByTestId("verified-mentee")[0]).toHaveTextContent("Ada Quint");

    await userEvent.click(screen.getByRole("checkbox", { name: "Needs attention only" }));
    expect(files()).toEqual(["edited.xlsx", "errors.csv"]);
    await userEvent.click(screen.getByRole("checkbox", { name: "Needs attention only" }));
    expect(files()).toHaveLength(4);
  });
});

describe("export", () => {
  test("refuses while a row or the profile has an error, lists the findings and builds nothing", async () => {
    const workbook = await formWorkbook(
      [...ROWS, [serial("2024-01-13"), "Reiki", "In person", "", "", 1, ""]],
      ["", "", "", "", 0, "current"],
    );
    const { build, open } = renderApp(workbook);
    await userEvent.click(within(await screen.findByRole("region", { name: "Export" })).getByRole("button", { name: "Export submission" }));
    const list = await screen.findByRole("list", { name: "Errors that block the export" });
    expect(within(list).getByRole("button", { name: /^Profile, Mentee name: Mentee name is empty/ })).toBeInTheDocument();
    expect(within(list).getByRole("button", { name: /^Row 5: Activity "Reiki"/ })).toBeInTheDocument();
    expect(build).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });

  test("builds the submission with the workbook writer and opens it, leaving the workbook as it was", async () => {
    const workbook = await formWorkbook(ROWS);
    const before = JSON.stringify(workbook.getSnapshot().sheets);
    const { build, open } = renderApp(workbook);
    await userEvent.click(within(await screen.findByRole("region", { name: "Export" })).getByRole("button", { name: "Export submission" }));
    await screen.findByText(/The submission was downloaded as CST-submission-Ada-Quint-2025-01-15\.xlsx \(1 credit\)/);
    expect(build).toHaveBeenCalledTimes(1);
    const submission = build.mock.calls[0]?.[0];
    expect(submission?.summary).toMatchObject({ mentee: "Ada Quint", credits: 1, ruleSet: "current", asOf: AS_OF });
    expect(submission?.log.rows).toHaveLength(3);
    expect(open).toHaveBeenCalledWith(new Uint8Array([80, 75, 3, 4]), "CST-submission-Ada-Quint-2025-01-15.xlsx");
    expect(JSON.stringify(workbook.getSnapshot().sheets)).toBe(before);
  });

  test("the ribbon's export request runs the export from the coordinator tab too", async () => {
    const { build } = renderApp(await formWorkbook(ROWS));
    await userEvent.click(await screen.findByRole("tab", { name: "Coordinator" }));
    await act(async () => {
      window.dispatchEvent(new CustomEvent("cst:export-request"));
    });
    await screen.findByText(/The submission was downloaded/);
    expect(build).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("tab", { name: "Mentee" })).toHaveAttribute("aria-selected", "true");
  });

  test("a failing writer is reported and the workbook is unchanged", async () => {
    const workbook = await formWorkbook(ROWS);
    const before = JSON.stringify(workbook.getSnapshot().sheets);
    renderApp(workbook, { loadBuilder: async () => Promise.reject(new Error("chunk failed to load")) });
    await userEvent.click(within(await screen.findByRole("region", { name: "Export" })).getByRole("button", { name: "Export submission" }));
    await screen.findByText("The submission could not be built (chunk failed to load): your workbook is unchanged; try again.");
    expect(JSON.stringify(workbook.getSnapshot().sheets)).toBe(before);
  });
});
