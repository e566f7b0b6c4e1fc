/** @jest-environment jsdom */
/**
 * The findings list does not draw a finding again when it reads as before
 * (FindingsList.tsx); a finding read anew under the same key with another
 * message, level or place is drawn anew, and its buttons act on what it says now.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FindingsList } from "../../src/taskpane/FindingsList";
import type { FindingLocation } from "../../src/core";
import type { ListedFinding } from "../../src/taskpane/findings";

const finding = (changes: Partial<ListedFinding> = {}): ListedFinding => ({
  key: "7-warning-0",
  level: "warning",
  code: "possible-duplicate",
  message: "Same date, activity and provider as row 3: remove one if the activity was logged twice.",
  at: { kind: "row", row: 7 },
  ...changes,
});

test("a finding read anew under the same key shows what it says now, and its buttons go where it points now", async () => {
  const gone: FindingLocation[] = [];
  const edited: number[] = [];
  const onGo = (at: FindingLocation) => gone.push(at);
  const onEdit = (row: number) => edited.push(row);
  const list = (findings: ListedFinding[]) => (
    <FluentProvider theme={webLightTheme}>
      <FindingsList findings={findings} onGo={onGo} onEdit={onEdit} label="Findings" />
    </FluentProvider>
  );
  const view = render(list([finding()]));
  expect(screen.getByRole("button", { name: /^Row 7 \(warning\): Same date/ })).toBeInTheDocument();

  // The same finding as a new object: drawn as before.
  view.rerender(list([finding()]));
  expect(screen.getByRole("button", { name: /^Row 7 \(warning\): Same date/ })).toBeInTheDocument();

  // Same key, another message and level: the new words are shown.
  view.rerender(list([finding({ level: "error", message: "Quantity is empty: enter the hours." })]));
  expect(screen.getByRole("button", { name: "Row 7: Quantity is empty: enter the hours." })).toBeInTheDocument();

  // Same key and words, another place: the buttons act on the row it names now.
  view.rerender(list([finding({ level: "error", message: "Quantity is empty: enter the hours.", at: { kind: "row", row: 8 } })]));
  await userEvent.click(screen.getByRole("button", { name: "Row 8: Quantity is empty: enter the hours." }));
  await userEvent.click(screen.getByRole("button", { name: "Edit row 8" }));
  expect(gone).toEqual([{ kind: "row", row: 8 }]);
  expect(edited).toEqual([8]);
});
