/** @jest-environment jsdom */
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { prepareSubmission } from "../../src/core/submission";
import { MemoryWorkbook } from "../../src/excel/memoryWorkbook";
import { AS_OF, LOG_SHEET, allFields, cellsOf, formWorkbook, group, oneOnOne, renderApp, serial, treatment } from "./helpers";

const ROWS = [treatment("2024-01-10", 6), group("2024-01-11", 6), oneOnOne("2024-01-12", 12)];

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

async function verify() {
  await userEvent.click(await screen.findByRole("tab", { name: "Coordinator" }));
  await userEvent.click(screen.getByRole("button", { name: "Verify workbook" }));
  return screen.findByLabelText("Verification results");
}

describe("coordinator view", () => {
  test("recomputes from the rows and writes the results beside the input, never into it", async () => {
    const workbook = await formWorkbook([...ROWS, [serial("2024-01-13"), "Reiki", "In person", "", "", 1, ""]]);
    const before = cellsOf(workbook, LOG_SHEET).map((row) => row.slice(0, 7));
    renderApp(workbook);
    await verify();
    expect(screen.getByTestId("verified-credits")).toHaveTextContent("1");
    expect(screen.queryByTestId("submission-state")).toBeNull();
    const findings = screen.getByRole("list", { name: "Verification findings" });
    expect(within(findings).getByRole("button", { name: /^Row 5: Activity "Reiki"/ })).toBeInTheDocument();

    const after = cellsOf(workbook, LOG_SHEET);
    expect(after.map((row) => row.slice(0, 7))).toEqual(before);
    expect(after.map((row) => row[7])).toEqual([
      "CST Status",
      "OK",
      "OK",
      "OK",
      expect.stringMatching(/^Does not count: Activity "Reiki"/),
    ]);
    const verification = new Map(cellsOf(workbook, "CST Verification").map((row) => [row[0], row[1]]));
    expect(verification.get("Credits earned")).toBe(1);
    expect(verification.get("Submission")).toBe("Not a submission (no Submission sheet)");
    expect(verification.get("Rows with errors")).toBe(1);
  });

  test("a submission as exported is reported unchanged", async () => {
    renderApp(await submissionWorkbook());
    await verify();
    expect(await screen.findByTestId("submission-state")).toHaveTextContent("Unchanged since export");
    expect(screen.queryByText("The stored summary differs from the recomputed one")).toBeNull();
  });

  test("a submission whose log was edited is reported edited", async () => {
    const workbook = await submissionWorkbook();
    workbook.setCell(LOG_SHEET, 4, 5, 13);
    renderApp(workbook);
    await verify();
    expect(await screen.findByTestId("submission-state")).toHaveTextContent("Edited after export");
  });

  test("a changed stored summary is listed as a mismatch", async () => {
    const workbook = await submissionWorkbook();
    const creditsRow = cellsOf(workbook, "Submission").findIndex((row) => row[0] === "Credits earned") + 1;
    workbook.setCell("Submission", creditsRow, 1, 3);
    renderApp(workbook);
    await verify();
    const mismatches = await screen.findByRole("list", { name: "Summary mismatches" });
    expect(mismatches).toHaveTextContent("Credits earned: stored 3, recomputed 1");
    expect(screen.getByTestId("submission-state")).toHaveTextContent("Unchanged since export");
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
