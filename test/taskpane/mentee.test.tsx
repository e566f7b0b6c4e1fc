/** @jest-environment jsdom */
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryWorkbook } from "../../src/excel/memoryWorkbook";
import { AS_OF, LOG_SHEET, PROFILE_SHEET, cellsOf, fill, formWorkbook, group, oneOnOne, renderApp, serial, treatment } from "./helpers";

const addForm = () => screen.getByRole("form", { name: "Add an activity" });

describe("insert the tracking form", () => {
  test("adds Profile and Tracking Form to a workbook without them, leaving its sheets alone", async () => {
    const workbook = new MemoryWorkbook({ sheets: [{ name: "Budget", cells: [["Rent", 1200]] }] });
    renderApp(workbook);
    await userEvent.click(await screen.findByRole("button", { name: "Insert tracking form" }));
    await screen.findByText(/The tracking form was added/);
    expect(cellsOf(workbook, "Budget")).toEqual([["Rent", 1200]]);
    expect(cellsOf(workbook, LOG_SHEET)[0]).toEqual(["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"]);
    expect(cellsOf(workbook, PROFILE_SHEET).map((row) => row[0])).toEqual([
      "Mentee name",
      "Email",
      "CST-T certified on",
      "CST-D certified on",
      "Credits already awarded",
      "Rule set",
    ]);
    expect(screen.getByRole("form", { name: "Add an activity" })).toBeInTheDocument();
  });

  test("says the form is already there and changes nothing", async () => {
    const workbook = await formWorkbook([treatment("2024-01-10", 2)]);
    const before = JSON.stringify(workbook.getSnapshot().sheets);
    renderApp(workbook);
    await userEvent.click(await screen.findByRole("button", { name: "Insert tracking form" }));
    await screen.findByText(/already here \(Profile, Tracking Form, CST Lists, MentorshipLog\): nothing was changed/);
    expect(JSON.stringify(workbook.getSnapshot().sheets)).toBe(before);
  });
});

describe("profile editor", () => {
  test("shows the core's message beside the field, keeps what was typed and writes nothing", async () => {
    const workbook = await formWorkbook([]);
    renderApp(workbook);
    const form = await screen.findByRole("form", { name: "Profile" });
    const email = within(form).getByLabelText("Email");
    fill(email, "ada.example.org");
    await userEvent.click(within(form).getByRole("button", { name: "Save profile" }));
    const message = await within(form).findByText('Email "ada.example.org" is not an email address: enter one such as name@example.org.');
    expect(message.closest(".fui-Field")).toContainElement(email);
    expect(email).toHaveValue("ada.example.org");
    expect(cellsOf(workbook, PROFILE_SHEET)[1]?.[1]).toBe("ada@example.org");
  });

  test("CST-D before CST-T is shown beside CST-D; a valid profile is written with real dates", async () => {
    const workbook = await formWorkbook([]);
    renderApp(workbook);
    const form = await screen.findByRole("form", { name: "Profile" });
    fill(within(form).getByLabelText("CST-T certified on"), "2024-03-08");
    fill(within(form).getByLabelText("CST-D certified on"), "2023-01-01");
    await userEvent.click(within(form).getByRole("button", { name: "Save profile" }));
    const message = await within(form).findByText(/CST-D certified on 2023-01-01 is before CST-T certified on 2024-03-08/);
    expect(message.closest(".fui-Field")).toContainElement(within(form).getByLabelText("CST-D certified on"));

    fill(within(form).getByLabelText("CST-D certified on"), "");
    await userEvent.click(within(form).getByRole("button", { name: "Save profile" }));
    await within(form).findByText("Profile saved to the Profile sheet.");
    expect(cellsOf(workbook, PROFILE_SHEET).map((row) => row[1])).toEqual([
      "Ada Quint",
      "ada@example.org",
      serial("2024-03-08"),
      "",
      0,
      "current",
    ]);
  });
});

describe("add an activity", () => {
  test("fields follow the activity: unit, provider, credential, format", async () => {
    renderApp(await formWorkbook([]));
    const form = await screen.findByRole("form", { name: "Add an activity" });
    await userEvent.selectOptions(within(form).getByLabelText(/^Activity/), "precepting");
    expect(within(form).getByLabelText(/^Quantity \(days\)/)).toBeInTheDocument();
    expect(within(form).getByText("Optional for this activity.")).toBeInTheDocument();
    await userEvent.selectOptions(within(form).getByLabelText(/^Activity/), "empower-recording");
    expect(within(form).getByLabelText(/^Quantity \(recordings\)/)).toBeInTheDocument();
    await userEvent.selectOptions(within(form).getByLabelText(/^Activity/), "treatment");
    expect(within(form).getByLabelText(/^Treating therapist/)).toBeRequired();
    expect(within(form).getByText("Must be CST-T or CST-D.")).toBeInTheDocument();
    const formats = within(within(form).getByLabelText(/^Format/)).getAllByRole("option");
    expect(formats.map((option) => option.textContent)).toEqual(["Choose a format", "In person"]);
    expect(within(form).getByLabelText(/^Format/)).toHaveValue("in-person");
  });

  test("a validation error is shown beside its field with the typed values kept, and nothing is written", async () => {
    const workbook = await formWorkbook([treatment("2024-01-10", 2)]);
    renderApp(workbook);
    const form = await screen.findByRole("form", { name: "Add an activity" });
    await userEvent.selectOptions(within(form).getByLabelText(/^Activity/), "treatment");
    fill(within(form).getByLabelText(/^Date/), "2024-02-01");
    fill(within(form).getByLabelText(/^Treating therapist/), "Dolores Achebe");
    fill(within(form).getByRole("combobox", { name: /^Credential/ }), "Mentor");
    fill(within(form).getByLabelText(/^Quantity/), "-2");
    await userEvent.click(within(form).getByRole("button", { name: "Add to log" }));

    const quantityMessage = await within(form).findByText("Quantity -2 must be more than 0: enter the number of hours.");
    expect(quantityMessage.closest(".fui-Field")).toContainElement(within(form).getByLabelText(/^Quantity/));
    const credentialMessage = within(form).getByText(
      /Credential "Mentor" does not count: Category A counts only treatment received from a CST-T or a CST-D/,
    );
    expect(credentialMessage.closest(".fui-Field")).toContainElement(within(form).getByRole("combobox", { name: /^Credential/ }));
    expect(within(form).getByLabelText(/^Treating therapist/)).toHaveValue("Dolores Achebe");
    expect(within(form).getByLabelText(/^Quantity/)).toHaveValue("-2");
    expect(cellsOf(workbook, LOG_SHEET)).toHaveLength(2);
  });

  test("appends one row below the last one, never over a filled cell, and the progress changes", async () => {
    const workbook = await formWorkbook([treatment("2024-01-10", 2)]);
    renderApp(workbook);
    await screen.findByText("Category A: 2 of 6 h");
    const form = addForm();
    await userEvent.selectOptions(within(form).getByLabelText(/^Activity/), "treatment");
    fill(within(form).getByLabelText(/^Date/), "2024-02-01");
    fill(within(form).getByLabelText(/^Treating therapist/), "Dolores Achebe");
    fill(within(form).getByRole("combobox", { name: /^Credential/ }), "CST-T");
    fill(within(form).getByLabelText(/^Quantity/), "1.5");
    await userEvent.click(within(form).getByRole("button", { name: "Add to log" }));
    await within(form).findByText("Added as row 3.");
    expect(cellsOf(workbook, LOG_SHEET)[1]).toEqual(treatment("2024-01-10", 2));
    expect(cellsOf(workbook, LOG_SHEET)[2]).toEqual([
      serial("2024-02-01"),
      "Treatment received from a CST-T or CST-D",
      "In person",
      "Dolores Achebe",
      "CST-T",
      1.5,
      "",
    ]);
    await screen.findByText("Category A: 3.5 of 6 h");
  });

  test("a duplicate is added with the core's warning", async () => {
    const workbook = await formWorkbook([group("2024-01-10", 2)]);
    renderApp(workbook);
    const form = await screen.findByRole("form", { name: "Add an activity" });
    await userEvent.selectOptions(within(form).getByLabelText(/^Activity/), "small-group");
    fill(within(form).getByLabelText(/^Date/), "2024-01-10");
    await userEvent.selectOptions(within(form).getByLabelText(/^Format/), "virtual");
    fill(within(form).getByLabelText(/^Quantity/), "1");
    await userEvent.click(within(form).getByRole("button", { name: "Add to log" }));
    await within(form).findByText(/Added as row 3\. Note: Same date, activity and provider as row 2/);
  });
});

describe("progress", () => {
  test("credits earned, hours per category, the next credit's shortfall", async () => {
    const rows = [treatment("2024-01-10", 6), group("2024-01-11", 6), oneOnOne("2024-01-12", 12), treatment("2024-02-10", 3)];
    renderApp(await formWorkbook(rows, ["Ada Quint", "", serial("2023-12-01"), "", 0, "current"]));
    await screen.findByText("Next: the 2nd credit");
    expect(screen.getByTestId("credits-earned")).toHaveTextContent("1");
    expect(screen.getByText("Category A: 3 of 12 h")).toBeInTheDocument();
    // Each bar is the core's shortfall in that category alone: more A hours could let the 1st credit leave 6 C hours over.
    expect(screen.getByText("Category C: 6 of 12 h")).toBeInTheDocument();
    expect(screen.getByText("All categories: 3 of 24 h")).toBeInTheDocument();
    expect(screen.queryByTestId("blocked-by")).toBeNull();
    expect(screen.getAllByRole("progressbar").length).toBe(3);
  });

  test("says when the next credit needs a certification", async () => {
    const rows = [treatment("2024-01-10", 6), group("2024-01-11", 6), oneOnOne("2024-01-12", 12)];
    renderApp(await formWorkbook(rows));
    expect(await screen.findByTestId("blocked-by")).toHaveTextContent(
      "The 2nd credit needs Technique Certified (CST-T): enter the certification date in the profile",
    );
  });
});

describe("findings", () => {
  test("each finding names its row; click and Enter select that row in the sheet", async () => {
    const workbook = await formWorkbook([treatment("2024-01-10", 2), [serial("2024-01-11"), "Reiki", "In person", "", "", 1, ""]]);
    const goTo = jest.spyOn(workbook, "goTo");
    renderApp(workbook);
    const list = await screen.findByRole("list", { name: "Findings" });
    const finding = within(list).getByRole("button", { name: /^Row 3: Activity "Reiki" is not in the program's list/ });
    await userEvent.click(finding);
    expect(goTo).toHaveBeenLastCalledWith({ kind: "row", row: 3 });
    expect(workbook.getSnapshot().selection).toEqual({ sheet: LOG_SHEET, row: 3, columns: 7 });

    goTo.mockClear();
    finding.focus();
    await userEvent.keyboard("{Enter}");
    expect(goTo).toHaveBeenCalledWith({ kind: "row", row: 3 });
  });

  test("a profile finding selects the Profile value", async () => {
    const workbook = await formWorkbook([], ["Ada", "not-an-email", "", "", 0, "current"]);
    const goTo = jest.spyOn(workbook, "goTo");
    renderApp(workbook);
    await userEvent.click(await screen.findByRole("button", { name: /^Profile, Email: Email "not-an-email"/ }));
    expect(goTo).toHaveBeenCalledWith({ kind: "profile", field: 1 });
  });

  test("Write status column puts each row's status beside the input", async () => {
    const workbook = await formWorkbook([treatment("2024-01-10", 2), [serial("2024-01-11"), "Reiki", "In person", "", "", 1, ""]]);
    renderApp(workbook);
    await userEvent.click(await screen.findByRole("button", { name: "Write status column" }));
    await screen.findByText(/The Status column beside the log/);
    const cells = cellsOf(workbook, LOG_SHEET);
    expect(cells[0]?.[7]).toBe("CST Status");
    expect(cells[1]?.slice(0, 8)).toEqual([...treatment("2024-01-10", 2), "OK"]);
    expect(cells[2]?.[7]).toMatch(/^Error: Activity "Reiki" is not in the program's list/);
  });
});

test("text from cells is rendered as text, never as markup", async () => {
  const attack = "<img src=x onerror=alert(1)>";
  const workbook = await formWorkbook(
    [[serial("2024-01-10"), "Treatment received from a CST-T or CST-D", "In person", attack, attack, 1, attack]],
    [attack, "", "", "", 0, "current"],
  );
  const { container } = renderApp(workbook);
  await screen.findByText(/Credential "<img src=x onerror=alert\(1\)>" does not count/);
  expect(screen.getByLabelText("Mentee name")).toHaveValue(attack);
  expect(container.querySelector("img")).toBeNull();
  await act(async () => {});
  expect(document.querySelector("img")).toBeNull();
});

test("the as-of date bounds the date picker", async () => {
  renderApp(await formWorkbook([]));
  await waitFor(() => expect(within(addForm()).getByLabelText(/^Date/)).toHaveAttribute("max", AS_OF));
});
