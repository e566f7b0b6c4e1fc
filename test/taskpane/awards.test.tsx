/** @jest-environment jsdom */
/**
 * docs/rules.md §4 in the pane: after export the pane says what happens next; Record
 * an award adds to "Credits awarded from this log" (W), and progress then
 * counts toward the next credit; credits put in "before this log" while this
 * log earns them are questioned, and can be moved to W.
 */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type CellValue, PROFILE_INDEX } from "../../src/core";
import { PROFILE_SHEET, cellsOf, fill, formWorkbook, group, oneOnOne, renderApp, treatment } from "./helpers";

const FIRST = [treatment("2024-01-10", 6), group("2024-01-11", 6), oneOnOne("2024-01-12", 12)];
const PROFILE: CellValue[] = ["Ada Quint", "ada@example.org", "", "", 0, "current", 0];
const W_ROW = PROFILE_INDEX.creditsAwardedFromLog;

test("export says what happens next; Record an award writes W and the progress moves to the 2nd credit", async () => {
  const workbook = await formWorkbook(FIRST, PROFILE);
  renderApp(workbook);
  expect(await screen.findByTestId("credits-earned")).toHaveTextContent("1 credit");
  await userEvent.click(within(screen.getByRole("region", { name: "Export" })).getByRole("button", { name: "Export submission" }));
  expect(await screen.findByTestId("export-next-steps")).toHaveTextContent(
    /Send it to your coordinator\. Keep logging in this same log, and never delete its rows\. When the coordinator confirms the award, use Record an award/,
  );

  await userEvent.click(screen.getByRole("button", { name: "Record an award" }));
  const form = screen.getByRole("form", { name: "Record an award" });
  expect(within(form).getByLabelText("Credits the coordinator awarded from this log")).toHaveValue(1);
  await userEvent.click(within(form).getByRole("button", { name: "Record" }));
  await screen.findByText(
    /Recorded: 1 credit awarded from this log \(Profile!B7\)\. Keep logging here: new hours count toward the 2nd credit\./,
  );
  expect(cellsOf(workbook, PROFILE_SHEET)[W_ROW]).toEqual(["Credits awarded from this log", 1]);
  await waitFor(() => expect(screen.getByTestId("credits-earned")).toHaveTextContent("0 credits"));
  expect(screen.getByRole("heading", { name: "Next: the 2nd credit" })).toBeInTheDocument();
  expect(screen.getByTestId("awarded-so-far")).toHaveTextContent("Awarded already: 0 credits before this log, 1 credit from this log.");
  // The 1st credit's hours stay with it: nothing counts toward the 2nd yet (it needs CST-T, and A and C from its date).
  expect(screen.queryByText("A credit is complete")).toBeNull();
});

test("a count that is not a whole number of credits earned is refused, and nothing is written", async () => {
  const workbook = await formWorkbook(FIRST, PROFILE);
  renderApp(workbook);
  await userEvent.click(await screen.findByRole("button", { name: "Record an award" }));
  const form = screen.getByRole("form", { name: "Record an award" });
  fill(within(form).getByLabelText("Credits the coordinator awarded from this log"), "3");
  await userEvent.click(within(form).getByRole("button", { name: "Record" }));
  await screen.findByText(/a whole number from 1 to 1\./);
  expect(cellsOf(workbook, PROFILE_SHEET)[W_ROW]?.[1]).toBe(0);
});

test("P > 0, W = 0 and this log earns credits: the pane asks, and moves them to W", async () => {
  const workbook = await formWorkbook(
    [...FIRST, treatment("2024-03-01", 6), oneOnOne("2024-03-02", 6), treatment("2024-03-03", 6), oneOnOne("2024-03-04", 6)],
    ["Ada Quint", "ada@example.org", "2023-01-01", "", 1, "current", 0],
  );
  renderApp(workbook);
  const question = await screen.findByText("Were your 1 credit awarded from this log?");
  expect(question).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Move them to this log" }));
  await screen.findByText(/Moved: 1 credit awarded from this log \(Profile!B7\), none before it \(Profile!B5\)\./);
  const profile = cellsOf(workbook, PROFILE_SHEET);
  expect([profile[PROFILE_INDEX.creditsAwarded]?.[1], profile[W_ROW]?.[1]]).toEqual([0, 1]);
  await waitFor(() => expect(screen.queryByText("Were your 1 credit awarded from this log?")).toBeNull());
});

test("a form made before row 7: the label is written with W; a row 7 of the user's own is never written over", async () => {
  const older = await formWorkbook(FIRST, PROFILE);
  // As a form made before row 7 has it: nothing in row 7 (sheet rows from 1, columns from 0 here).
  older.setCell(PROFILE_SHEET, W_ROW + 1, 0, "");
  older.setCell(PROFILE_SHEET, W_ROW + 1, 1, "");
  await older.writeProfile({ creditsAwardedFromLog: 1 });
  expect(cellsOf(older, PROFILE_SHEET)[W_ROW]).toEqual(["Credits awarded from this log", 1]);

  const own = await formWorkbook(FIRST, PROFILE);
  own.setCell(PROFILE_SHEET, W_ROW + 1, 0, "Mentor's phone");
  own.setCell(PROFILE_SHEET, W_ROW + 1, 1, "555-0100");
  await expect(own.writeProfile({ creditsAwardedFromLog: 1 })).rejects.toThrow(
    'Profile!A7 is labelled "Mentor\'s phone", not "Credits awarded from this log": the add-in does not write over your own row.',
  );
  expect(cellsOf(own, PROFILE_SHEET)[W_ROW]).toEqual(["Mentor's phone", "555-0100"]);
});
