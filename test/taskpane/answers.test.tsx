/** @jest-environment jsdom */
/**
 * Answers where the user is looking: "A credit is complete" offers Export only
 * when export would succeed, and otherwise says what to fix first; the answer
 * to an export appears beside the button that asked, and takes the focus;
 * each finding links to the rule it applies.
 */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type CellValue } from "../../src/core";
import { formWorkbook, group, oneOnOne, renderApp, serial, treatment } from "./helpers";

const FIRST = [treatment("2024-01-10", 6), group("2024-01-11", 6), oneOnOne("2024-01-12", 12)];
const PROFILE: CellValue[] = ["Ada Quint", "ada@example.org", "", "", 0, "current", 0];

test("a credit complete with a row in error: the card says to fix it first and offers no export", async () => {
  const workbook = await formWorkbook([...FIRST, [serial("2024-01-13"), "Reiki", "In person", "", "", 1, ""]], PROFILE);
  renderApp(workbook);
  const card = (await screen.findByText("A credit is complete")).closest("[role=status]") as HTMLElement;
  expect(within(card).getByTestId("export-blocked")).toHaveTextContent("Before you can export it: fix 1 error (listed under Findings).");
  expect(within(card).queryByRole("button", { name: "Export submission" })).toBeNull();
});

test("a credit complete without the mentee's name: the card asks for it and takes the user to the field", async () => {
  const workbook = await formWorkbook(FIRST, ["", "", "", "", 0, "current", 0]);
  renderApp(workbook);
  const card = (await screen.findByText("A credit is complete")).closest("[role=status]") as HTMLElement;
  expect(within(card).getByTestId("export-blocked")).toHaveTextContent("Before you can export it: enter your name in the profile.");
  await userEvent.click(within(card).getByRole("button", { name: "Enter your name" }));
  await waitFor(() => expect(within(screen.getByRole("form", { name: "Profile" })).getByLabelText("Mentee name")).toHaveFocus());
});

test("export from the card: the answer is beside it and has the focus; the Export section shows none", async () => {
  const workbook = await formWorkbook(FIRST, PROFILE);
  renderApp(workbook);
  const card = (await screen.findByText("A credit is complete")).closest("[role=status]") as HTMLElement;
  await userEvent.click(within(card).getByRole("button", { name: "Export submission" }));
  const answer = await screen.findByTestId("export-next-steps");
  await waitFor(() => expect(answer.closest("[tabindex='-1']")).toHaveFocus());
  const progress = screen.getByRole("region", { name: "Your progress" });
  expect(progress).toContainElement(answer);
  expect(within(screen.getByRole("region", { name: "Export" })).queryByTestId("export-next-steps")).toBeNull();
});

test("a refusal from the Export section is shown there and has the focus", async () => {
  const workbook = await formWorkbook([...FIRST, [serial("2024-01-13"), "Reiki", "In person", "", "", 1, ""]], PROFILE);
  renderApp(workbook);
  const section = await screen.findByRole("region", { name: "Export" });
  await userEvent.click(within(section).getByRole("button", { name: "Export submission" }));
  const refusal = await within(section).findByText("Export refused");
  await waitFor(() => expect(refusal.closest("[tabindex='-1']")).toHaveFocus());
});

test("a finding links to the help's section on the rule it applies; one about typing only has no link", async () => {
  const workbook = await formWorkbook(
    [
      ...FIRST,
      [serial("2024-01-13"), "Treatment received from a CST-T or CST-D", "Virtual", "Jane Roe", "CST-T", 1, ""],
      ["", "treatment", "In person", "Jane Roe", "CST-T", 1, ""],
    ],
    PROFILE,
  );
  renderApp(workbook);
  const list = await screen.findByRole("list", { name: /findings/i });
  const links = within(list).getAllByRole("link");
  expect(links.map((link) => link.getAttribute("href"))).toEqual(["help.html#who-counts"]);
  expect(links[0]).toHaveAccessibleName(/The rule behind row 5's error/);
});

test("an untouched new form shows guidance, not an error for the name nobody was asked for yet", async () => {
  const workbook = await formWorkbook([], ["", "", "", "", 0, "current", 0]);
  renderApp(workbook);
  await screen.findByRole("heading", { name: "Findings (none)" });
  expect(screen.queryByText(/Mentee name is empty/)).toBeNull();
});
