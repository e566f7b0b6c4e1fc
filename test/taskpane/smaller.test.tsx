/** @jest-environment jsdom */
/**
 * The pane's smaller promises: Edit on a row with an activity the program
 * does not list shows what was typed; a credential proposed for 1x1 is not
 * carried to another activity; the log lists the latest date first.
 */
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { formWorkbook, group, oneOnOne, renderApp, serial, treatment } from "./helpers";

test("Edit on an unknown activity shows it as typed, marked as not in the program's list", async () => {
  renderApp(await formWorkbook([[serial("2024-01-13"), "Reiki", "In person", "", "", 1, ""]]));
  await userEvent.click((await screen.findAllByRole("button", { name: "Edit row 2" }))[0] as HTMLElement);
  const form = screen.getByRole("form", { name: "Correct row 2" });
  const select = within(form).getByRole("combobox", { name: /Activity/ }) as HTMLSelectElement;
  expect(select.value).toBe("Reiki");
  expect(select.selectedOptions[0]?.textContent).toBe("Reiki (not in the program's list)");
});

test("Mentor, proposed for 1x1 mentorship, is not carried to a small-group entry", async () => {
  renderApp(await formWorkbook([]));
  const form = await screen.findByRole("form", { name: "Add an activity" });
  const activity = within(form).getByRole("combobox", { name: /Activity/ });
  await userEvent.selectOptions(activity, "one-on-one");
  expect(within(form).getByRole("combobox", { name: "Credential" })).toHaveValue("Mentor");
  await userEvent.selectOptions(activity, "small-group");
  expect(within(form).getByRole("combobox", { name: "Credential" })).toHaveValue("");
});

test("the log lists the latest date first, whatever the rows' order", async () => {
  renderApp(await formWorkbook([oneOnOne("2024-03-01", 1), treatment("2024-05-01", 1), group("2024-01-01", 1)]));
  const list = await screen.findByRole("list", { name: "Logged activities" });
  expect(
    within(list)
      .getAllByRole("button", { name: /^Row \d+$/ })
      .map((button) => button.textContent),
  ).toEqual(["Row 3", "Row 2", "Row 4"]);
});

test("Edit selects the row being corrected in the sheet, as the form shows it", async () => {
  const workbook = await formWorkbook([oneOnOne("2024-03-01", 1), treatment("2024-05-01", 1), group("2024-01-01", 1)]);
  renderApp(workbook);
  await userEvent.click((await screen.findAllByRole("button", { name: "Edit row 3" }))[0] as HTMLElement);
  expect(screen.getByRole("form", { name: "Correct row 3" })).toBeInTheDocument();
  expect(workbook.getSnapshot().selection?.row).toBe(3);
});
