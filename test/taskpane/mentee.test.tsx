/** @jest-environment jsdom */
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryWorkbook } from "../../src/excel/memoryWorkbook";
import { quantityText } from "../../src/taskpane/activityForm";
import { AS_OF, LOG_SHEET, PROFILE_SHEET, cellsOf, fill, formWorkbook, group, oneOnOne, renderApp, serial, treatment } from "./helpers";

const addForm = () => screen.getByRole("form", { name: "Add an activity" });
const FIRST_CREDIT = [treatment("2024-01-10", 6), group("2024-01-11", 6), oneOnOne("2024-01-12", 12)];

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
      "Credits awarded before this log",
      "Rule set",
      "Credits awarded from this log",
    ]);
    expect(screen.getByRole("form", { name: "Add an activity" })).toBeInTheDocument();
    // Once the form is there, the button that inserts it is no longer offered.
    expect(screen.queryByRole("button", { name: "Insert tracking form" })).toBeNull();
  });

  test("where part of the form is already there, says so and changes nothing", async () => {
    const workbook = new MemoryWorkbook({ sheets: [{ name: "Profile", cells: [["my own profile sheet"]] }] });
    const before = JSON.stringify(workbook.getSnapshot().sheets);
    renderApp(workbook);
    await userEvent.click(await screen.findByRole("button", { name: "Insert tracking form" }));
    await screen.findByText(/already here \(Profile\): nothing was changed/);
    expect(JSON.stringify(workbook.getSnapshot().sheets)).toBe(before);
  });
});

describe("1. an empty activity form is never added", () => {
  test("every required field says what it needs; nothing is written, the second time either", async () => {
    const workbook = await formWorkbook([treatment("2024-01-10", 2)]);
    renderApp(workbook);
    const form = await screen.findByRole("form", { name: "Add an activity" });
    for (let press = 0; press < 2; press++) {
      await userEvent.click(within(form).getByRole("button", { name: "Add to log" }));
      await within(form).findByText("Activity is empty: choose an activity from the list.");
      expect(within(form).getByText("Format is empty: choose In person or Virtual.")).toBeInTheDocument();
      expect(within(form).getByText("Quantity is empty: enter the number of hours.")).toBeInTheDocument();
      expect(
        within(form)
          .getByText("The activity was not added: fix the 3 fields marked above. What you typed is kept.")
          .closest('[role="alert"]'),
      ).not.toBeNull();
      expect(cellsOf(workbook, LOG_SHEET)).toHaveLength(2);
    }
  });

  test("a cleared date is required too", async () => {
    const workbook = await formWorkbook([]);
    renderApp(workbook);
    const form = await screen.findByRole("form", { name: "Add an activity" });
    fill(within(form).getByLabelText(/^Date/), "");
    await userEvent.click(within(form).getByRole("button", { name: "Add to log" }));
    await within(form).findByText("Date is empty: enter the date of the activity.");
  });
});

describe("2. messages belong to the state they describe", () => {
  test("without the form, export says what to do first; once it is inserted, that is gone and the success message goes with the next change", async () => {
    const workbook = new MemoryWorkbook();
    renderApp(workbook);
    expect(await screen.findByText(/Insert the tracking form and log your activities first/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Export submission" })).toBeDisabled();
    await userEvent.click(screen.getByRole("button", { name: "Insert tracking form" }));
    await screen.findByText(/The tracking form was added/);
    expect(screen.queryByText(/Insert the tracking form and log your activities first/)).toBeNull();
    await act(async () => {
      await workbook.appendRow(treatment("2024-01-10", 2));
    });
    await waitFor(() => expect(screen.queryByText(/The tracking form was added/)).toBeNull());
  });

  test("after Write status column, a new row makes the message say the column is out of date", async () => {
    const workbook = await formWorkbook([treatment("2024-01-10", 2)]);
    renderApp(workbook);
    await userEvent.click(await screen.findByRole("button", { name: "Show each row's status in the sheet" }));
    await screen.findByText("The CST Status column beside the log shows each row's status.");
    await act(async () => {
      await workbook.appendRow(group("2024-01-11", 2));
    });
    await screen.findByText("The log changed since the CST Status column was written: write it again to bring it up to date.");
    await userEvent.click(screen.getByRole("button", { name: "Show each row's status again" }));
    await screen.findByText("The CST Status column beside the log shows each row's status.");
    expect(cellsOf(workbook, LOG_SHEET)[2]?.[7]).toBe("OK");
  });

  test("an export refused for errors stops saying so once the errors are fixed", async () => {
    const workbook = await formWorkbook([[serial("2024-01-11"), "Reiki", "In person", "", "", 1, ""]]);
    renderApp(workbook);
    const exportSection = within(await screen.findByRole("region", { name: "Export" }));
    await userEvent.click(exportSection.getByRole("button", { name: "Export submission" }));
    await exportSection.findByText("Export refused");
    expect(exportSection.getByText(/Fix this error first/)).toBeInTheDocument();
    await act(async () => {
      workbook.setCell(LOG_SHEET, 2, 1, "small-group");
    });
    await waitFor(() => expect(exportSection.queryByText("Export refused")).toBeNull());
  });
});

describe("3. what was typed survives switching tabs", () => {
  test("the activity form and the unsaved profile keep their values", async () => {
    renderApp(await formWorkbook([]));
    const form = await screen.findByRole("form", { name: "Add an activity" });
    await userEvent.selectOptions(within(form).getByLabelText(/^Activity/), "precepting");
    fill(within(form).getByLabelText(/^Quantity/), "2.5");
    fill(within(form).getByLabelText(/^Notes/), "Advanced 1");
    const profile = screen.getByRole("form", { name: "Profile" });
    fill(within(profile).getByLabelText("Email"), "new@example.org");
    await userEvent.click(screen.getByRole("tab", { name: "Coordinator" }));
    expect(document.getElementById("panel-mentee")).not.toBeVisible();
    await userEvent.click(screen.getByRole("tab", { name: "Mentee" }));
    expect(within(addForm()).getByLabelText(/^Activity/)).toHaveValue("precepting");
    expect(within(addForm()).getByLabelText(/^Quantity/)).toHaveValue("2.5");
    expect(within(addForm()).getByLabelText(/^Notes/)).toHaveValue("Advanced 1");
    expect(within(screen.getByRole("form", { name: "Profile" })).getByLabelText("Email")).toHaveValue("new@example.org");
  });
});

describe("4. messages point the right way, and a missing name shows among the findings", () => {
  test("the missing mentee name is a finding that takes the user to the profile's field in the pane", async () => {
    renderApp(await formWorkbook(FIRST_CREDIT, ["", "", "", "", 0, "current"]));
    const findings = await screen.findByRole("list", { name: "Findings" });
    const finding = within(findings).getByRole("button", {
      name: /^Profile, Mentee name: Mentee name is empty: enter your name in the profile before exporting\./,
    });
    expect(finding.textContent).not.toMatch(/Profile sheet/);
    await userEvent.click(finding);
    expect(screen.getByLabelText("Mentee name")).toHaveFocus();
  });

  test("one error blocking export: 'Fix this error first'; field messages under their fields, the summary below says 'above'", async () => {
    renderApp(await formWorkbook([], ["", "", "", "", 0, "current"]));
    const exportSection = within(await screen.findByRole("region", { name: "Export" }));
    await userEvent.click(exportSection.getByRole("button", { name: "Export submission" }));
    expect(await exportSection.findByText(/Fix this error first/)).toBeInTheDocument();
    const profile = within(screen.getByRole("form", { name: "Profile" }));
    fill(profile.getByLabelText("Email"), "not-an-email");
    await userEvent.click(profile.getByRole("button", { name: "Save profile" }));
    expect(await profile.findByText("The profile was not saved: fix the field marked above.")).toBeInTheDocument();
  });
});

describe("5. progress first, and explained", () => {
  test("the dashboard comes before the activity form and the profile", async () => {
    renderApp(await formWorkbook(FIRST_CREDIT));
    const dashboard = await screen.findByRole("region", { name: "Your progress" });
    const form = addForm();
    const profile = screen.getByRole("form", { name: "Profile" });
    expect(dashboard.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(dashboard.compareDocumentPosition(profile) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  test("which hours went to which credit, which count toward none and why; B never counts toward the 2nd credit", async () => {
    const rows = [...FIRST_CREDIT, treatment("2024-02-10", 7.5), group("2024-02-11", 11)];
    renderApp(await formWorkbook(rows, ["Ada Quint", "", serial("2023-12-01"), "", 0, "current"]));
    const dashboard = within(await screen.findByRole("region", { name: "Your progress" }));
    expect(dashboard.getByTestId("credits-earned")).toHaveTextContent("1 credit");
    expect(dashboard.getByText("Category A · treatment received: 7.5 of 12 h")).toBeInTheDocument();
    expect(dashboard.getByText("The 2nd credit takes only category A and C hours.")).toBeInTheDocument();
    expect(dashboard.getByText("Category C · 1x1 mentorship: 6 of 12 h")).toBeInTheDocument();
    // The explanation is made when its disclosure opens.
    expect(dashboard.queryByText("Toward the 2nd credit so far: A 7.5 h and C 6 h.")).not.toBeInTheDocument();
    await userEvent.click(dashboard.getByText("Where your hours went"));
    expect(await dashboard.findByText("Toward the 2nd credit so far: A 7.5 h and C 6 h.")).toBeInTheDocument();
    // The 1st credit takes B rather than C where it can, so the 6 C hours left count toward the 2nd.
    expect(dashboard.getByText("1st credit: A 6 h, B 12 h and C 6 h.")).toBeInTheDocument();
    expect(
      dashboard.getByText("5 h of category B count toward no credit: the 2nd credit takes only category A and C hours."),
    ).toBeInTheDocument();
    expect(dashboard.getByText(/Current program rules/)).toBeInTheDocument();
  });

  test("a certification block is a warning with the action that lifts it", async () => {
    renderApp(await formWorkbook(FIRST_CREDIT));
    const dashboard = within(await screen.findByRole("region", { name: "Your progress" }));
    expect(dashboard.getByText("The 2nd credit needs you to be Technique Certified (CST-T)")).toBeInTheDocument();
    await userEvent.click(dashboard.getByRole("button", { name: "Enter your CST-T date" }));
    expect(screen.getByLabelText("CST-T certified on")).toHaveFocus();
  });

  test("a complete credit says so and offers Export", async () => {
    const { build } = renderApp(await formWorkbook(FIRST_CREDIT));
    const dashboard = within(await screen.findByRole("region", { name: "Your progress" }));
    expect(dashboard.getByText("A credit is complete")).toBeInTheDocument();
    await userEvent.click(dashboard.getByRole("button", { name: "Export submission" }));
    await waitFor(() => expect(build).toHaveBeenCalled());
  });
});

describe("6. words for people", () => {
  test("the CST Status column in plain words", async () => {
    const workbook = await formWorkbook([
      treatment("2024-01-10", 2),
      [serial("2024-01-11"), "Beyond the Dura conference", "In person", "", "", 8, ""],
      [serial("2024-01-11"), "Reiki", "In person", "", "", 1, ""],
    ]);
    renderApp(workbook);
    await userEvent.click(await screen.findByRole("button", { name: "Show each row's status in the sheet" }));
    await screen.findByText(/CST Status column beside the log/);
    const cells = cellsOf(workbook, LOG_SHEET);
    expect(cells.map((row) => row[7])).toEqual([
      "CST Status",
      "OK",
      "Counts 6 h: Beyond the Dura conference counts at most 6 h per row: only 6 of 8 h count.",
      'Does not count: Activity "Reiki" is not in the program\'s list: choose an activity from the list.',
    ]);
  });

  test("quantity hints fit the unit; sessions count whole; the date starts as today; the chosen activity is named in full", async () => {
    renderApp(await formWorkbook([]));
    const form = within(await screen.findByRole("form", { name: "Add an activity" }));
    expect(form.getByLabelText(/^Date/)).toHaveValue(AS_OF);
    await userEvent.selectOptions(form.getByLabelText(/^Activity/), "study-group");
    expect(form.getByText("Whole sessions, such as 2: each counts 1 h.")).toBeInTheDocument();
    expect(form.getByText("Study group session (in person or virtual): category B.")).toBeInTheDocument();
    await userEvent.selectOptions(form.getByLabelText(/^Format/), "virtual");
    fill(form.getByLabelText(/^Quantity/), "1.5");
    await userEvent.click(form.getByRole("button", { name: "Add to log" }));
    expect(await form.findByText(/Quantity 1\.5 is not a whole number: sessions count whole/)).toBeInTheDocument();
    await userEvent.selectOptions(form.getByLabelText(/^Activity/), "precepting");
    expect(form.getByText("Days, such as 1.5: each day counts 1.5 h.")).toBeInTheDocument();
  });

  test("1x1 mentorship proposes the Mentor credential and says why", async () => {
    renderApp(await formWorkbook([]));
    const form = within(await screen.findByRole("form", { name: "Add an activity" }));
    await userEvent.selectOptions(form.getByLabelText(/^Activity/), "one-on-one");
    expect(form.getByLabelText(/^Credential/)).toHaveValue("Mentor");
    expect(form.getByText("1x1 mentorship counts only with a certified CST mentor: Mentor.")).toBeInTheDocument();
  });

  test("a decimal comma is read where the locale writes one", () => {
    expect(quantityText("1,5", ",")).toBe("1.5");
    expect(quantityText("1,5", ".")).toBe("1,5");
    expect(quantityText(" 2 ", ",")).toBe("2");
  });
});

describe("7. correct or remove a logged row; a new row is selected", () => {
  test("after Add, the new row is selected in the sheet", async () => {
    const workbook = await formWorkbook([treatment("2024-01-10", 2)]);
    renderApp(workbook);
    const form = within(await screen.findByRole("form", { name: "Add an activity" }));
    await userEvent.selectOptions(form.getByLabelText(/^Activity/), "small-group");
    await userEvent.selectOptions(form.getByLabelText(/^Format/), "virtual");
    fill(form.getByLabelText(/^Quantity/), "2");
    await userEvent.click(form.getByRole("button", { name: "Add to log" }));
    await form.findByText("Added as row 3.");
    expect(cellsOf(workbook, LOG_SHEET)[2]).toEqual([serial(AS_OF), "Small group mentorship (4–8 participants)", "Virtual", "", "", 2, ""]);
    await waitFor(() => expect(workbook.getSnapshot().selection).toEqual({ sheet: LOG_SHEET, row: 3, columns: 7 }));
  });

  test("Edit from a finding loads the row; Save writes only that row's input cells", async () => {
    const workbook = await formWorkbook([
      treatment("2024-01-10", 2),
      [serial("2024-01-11"), "Reiki", "In person", "", "", 1, "my note"],
      group("2024-01-12", 3),
    ]);
    renderApp(workbook);
    const findings = await screen.findByRole("list", { name: "Findings" });
    await userEvent.click(within(findings).getByRole("button", { name: "Edit row 3" }));
    const form = within(await screen.findByRole("form", { name: "Correct row 3" }));
    expect(form.getByLabelText(/^Notes/)).toHaveValue("my note");
    await userEvent.selectOptions(form.getByLabelText(/^Activity/), "small-group");
    await userEvent.click(form.getByRole("button", { name: "Save row 3" }));
    await screen.findByText("Saved row 3.");
    const cells = cellsOf(workbook, LOG_SHEET);
    expect(cells[1]).toEqual(treatment("2024-01-10", 2));
    expect(cells[2]).toEqual([serial("2024-01-11"), "Small group mentorship (4–8 participants)", "In person", "", "", 1, "my note"]);
    expect(cells[3]).toEqual(group("2024-01-12", 3));
    expect(screen.getByRole("form", { name: "Add an activity" })).toBeInTheDocument();
  });

  test("Remove asks first, naming the row, then deletes only it", async () => {
    const workbook = await formWorkbook([treatment("2024-01-10", 2), group("2024-01-12", 3)]);
    renderApp(workbook);
    const log = await screen.findByRole("list", { name: "Logged activities" });
    await userEvent.click(within(log).getByRole("button", { name: "Remove row 2" }));
    const dialog = await screen.findByRole("group", { name: "Remove row 2?" });
    expect(dialog).toHaveTextContent(/Treatment received from a CST-T or CST-D · 2 hours/);
    await userEvent.click(within(dialog).getByRole("button", { name: "Keep it" }));
    expect(cellsOf(workbook, LOG_SHEET)).toHaveLength(3);
    await userEvent.click(within(log).getByRole("button", { name: "Remove row 2" }));
    await userEvent.click(
      within(await screen.findByRole("group", { name: "Remove row 2?" })).getByRole("button", { name: "Remove row 2" }),
    );
    await screen.findByText(/^Removed row 2/);
    const left = cellsOf(workbook, LOG_SHEET)
      .slice(1)
      .filter((row) => row.some((cell) => cell !== "" && cell !== null && cell !== undefined));
    expect(left).toEqual([group("2024-01-12", 3)]);
  });
});

describe("8. screen readers", () => {
  test("status messages are announced, and the Credential field is a single tab stop", async () => {
    renderApp(await formWorkbook([]));
    const form = within(await screen.findByRole("form", { name: "Add an activity" }));
    await userEvent.selectOptions(form.getByLabelText(/^Activity/), "small-group");
    await userEvent.selectOptions(form.getByLabelText(/^Format/), "virtual");
    fill(form.getByLabelText(/^Quantity/), "2");
    await userEvent.click(form.getByRole("button", { name: "Add to log" }));
    expect(await form.findByRole("status")).toHaveTextContent("Added as row 2.");
    // One control, no chevron button beside it: a single tab stop.
    const field = form.getByLabelText(/^Credential/).closest(".fui-Field") as HTMLElement;
    expect(field.querySelectorAll("input, button, select, textarea, [tabindex]:not([tabindex='-1'])")).toHaveLength(1);
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

  test("CST-D before CST-T is shown beside CST-D; a valid profile writes the changed fields with real dates", async () => {
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
    await within(form).findByText("Saved to the Profile sheet: CST-T certified on.");
    expect(cellsOf(workbook, PROFILE_SHEET).map((row) => row[1])).toEqual([
      "Ada Quint",
      "ada@example.org",
      serial("2024-03-08"),
      "",
      0,
      "current",
      "",
    ]);
  });

  test("rule sets are offered by their labels", async () => {
    renderApp(await formWorkbook([]));
    const select = within(await screen.findByRole("form", { name: "Profile" })).getByLabelText("Rule set");
    expect(
      within(select)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["Current program rules (first, second and third 24 hours)", "2014 program rules (every 24 hours alike)"]);
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

  test("a duplicate is added with the core's warning", async () => {
    const workbook = await formWorkbook([group("2024-01-10", 2)]);
    renderApp(workbook);
    const form = await screen.findByRole("form", { name: "Add an activity" });
    await userEvent.selectOptions(within(form).getByLabelText(/^Activity/), "small-group");
    fill(within(form).getByLabelText(/^Date/), "2024-01-10");
    await userEvent.selectOptions(within(form).getByLabelText(/^Format/), "in-person");
    fill(within(form).getByLabelText(/^Quantity/), "1");
    await userEvent.click(within(form).getByRole("button", { name: "Add to log" }));
    await within(form).findByText(/Added as row 3\. Note: Same date, activity and provider as row 2/);
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
