/** @jest-environment jsdom */
/**
 * The ribbon's "Export submission" command: it opens the taskpane, asks it to
 * export (the `cst:export-request` event, kept until the pane takes it) and
 * always tells Office the command is done.
 */
import { EXPORT_ACTION_ID, exportSubmission, registerCommands } from "../../src/commands/commands";
import { EXPORT_REQUEST_EVENT, requestExport, takeExportRequest } from "../../src/commands/exportRequest";

/** The event Office passes a command: the button it came from, and `completed`. */
function commandEvent(completed: () => void = () => undefined): Office.AddinCommands.Event & { completed: jest.Mock } {
  return { source: { id: "CST.ExportSubmission" }, completed: jest.fn(completed) };
}

function mockOffice(showAsTaskpane: () => Promise<void> = () => Promise.resolve()) {
  const handlers = new Map<string, (event: { completed(): void }) => unknown>();
  return {
    office: {
      actions: { associate: jest.fn((id: string, handler: (event: { completed(): void }) => unknown) => void handlers.set(id, handler)) },
      addin: { showAsTaskpane: jest.fn(showAsTaskpane) },
    },
    handlers,
  };
}

function listen(): { count: () => number; stop: () => void } {
  let received = 0;
  const onRequest = () => received++;
  window.addEventListener(EXPORT_REQUEST_EVENT, onRequest);
  return { count: () => received, stop: () => window.removeEventListener(EXPORT_REQUEST_EVENT, onRequest) };
}

afterEach(() => {
  takeExportRequest();
  delete (globalThis as { Office?: unknown }).Office;
});

test("the manifest's function name is associated with the export command", () => {
  const { office, handlers } = mockOffice();
  expect(registerCommands(office)).toBe(true);
  expect(office.actions.associate).toHaveBeenCalledWith("exportSubmission", exportSubmission);
  expect(handlers.get(EXPORT_ACTION_ID)).toBe(exportSubmission);
});

test("without Office (the preview, a plain browser) nothing is registered and nothing throws", () => {
  expect(registerCommands(undefined)).toBe(false);
  expect(registerCommands({})).toBe(false);
});

test("the command asks the taskpane to export and completes at once, never waiting on showAsTaskpane", async () => {
  // Excel ignores showAsTaskpane for add-ins in its marketplace: a promise that never settles is the worst case.
  const { office } = mockOffice(() => new Promise<void>(() => undefined));
  (globalThis as { Office?: unknown }).Office = office;
  const listener = listen();
  const event = commandEvent();

  await exportSubmission(event);

  expect(listener.count()).toBe(1);
  expect(event.completed).toHaveBeenCalledTimes(1);
  listener.stop();
});

test("if the taskpane cannot be shown, the request is still sent and the command completes", async () => {
  const { office } = mockOffice(() => Promise.reject(new Error("showAsTaskpane is not supported")));
  (globalThis as { Office?: unknown }).Office = office;
  const listener = listen();
  const event = commandEvent();

  await expect(exportSubmission(event)).resolves.toBeUndefined();

  expect(listener.count()).toBe(1);
  expect(event.completed).toHaveBeenCalledTimes(1);
  expect(takeExportRequest()).toBe(true);
  listener.stop();
});

test("a request made before the taskpane listens is kept for it, once", async () => {
  const event = commandEvent();
  await exportSubmission(event);
  expect(event.completed).toHaveBeenCalledTimes(1);
  expect(takeExportRequest()).toBe(true);
  expect(takeExportRequest()).toBe(false);
  requestExport();
  expect(takeExportRequest()).toBe(true);
});
