import { LOG_TABLE, PROFILE_SHEET, SUBMISSION_SHEET } from "../core";
import { supportsExcelApi } from "./host";
import { RUN_OPTIONS } from "./officeBatch";

/**
 * Tells `heard` of changes to the form (the log table, the Profile and
 * Submission sheets) made by anyone but this add-in. Excel raises
 * `WorksheetCollection.onChanged` for every sheet, and for the add-in's own
 * writes too ("Work with events"): the pane reads again after its own writes
 * anyway, and an edit elsewhere says nothing about the form, so neither
 * costs a read. Own writes are told apart by `triggerSource` (ExcelApi
 * 1.14); older hosts report them as any other change. A sheet added,
 * deleted or renamed may make or unmake the form: the form's places are
 * looked up again (one sync), and `heard` hears of it when they
 * changed (a lookup that fails counts as a change).
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events
 * https://learn.microsoft.com/javascript/api/excel/excel.eventtriggersource
 *
 * Returns the function that stops following, or null where the host has no such events.
 */
export function followForm(heard: () => void): (() => void) | null {
  // WorksheetCollection.onChanged is ExcelApi 1.9; without it the pane still works, refreshed by its own changes only.
  if (!supportsExcelApi("1.9")) return null;
  let listening = true;
  // The ids of the log table and of the Profile and Submission sheets: what readForm reads.
  let formIds = new Set<string>();
  const queueFormIds = (context: Excel.RequestContext): (() => Set<string>) => {
    const found: (Excel.Table | Excel.Worksheet)[] = [
      context.workbook.tables.getItemOrNullObject(LOG_TABLE).load("id"),
      context.workbook.worksheets.getItemOrNullObject(PROFILE_SHEET).load("id"),
      context.workbook.worksheets.getItemOrNullObject(SUBMISSION_SHEET).load("id"),
    ];
    return () => new Set(found.filter((item) => !item.isNullObject).map((item) => item.id));
  };
  const byOthers = (args: object) => listening && (args as { triggerSource?: string }).triggerSource !== "ThisLocalAddin";
  const onSheetChanged = async (args: Excel.WorksheetChangedEventArgs) => {
    if (byOthers(args) && formIds.has(args.worksheetId)) heard();
  };
  const onTableChanged = async (args: Excel.TableChangedEventArgs) => {
    if (byOthers(args) && formIds.has(args.tableId)) heard();
  };
  const onSheets = async () => {
    if (!listening) return;
    const before = [...formIds].sort().join();
    try {
      formIds = await Excel.run(RUN_OPTIONS, async (context) => {
        const read = queueFormIds(context);
        await context.sync();
        return read();
      });
    } catch {
      heard();
      return;
    }
    if (listening && [...formIds].sort().join() !== before) heard();
  };
  const registered = Excel.run(RUN_OPTIONS, async (context) => {
    const sheets = context.workbook.worksheets;
    const read = queueFormIds(context);
    const results: OfficeExtension.EventHandlerResult<unknown>[] = [
      sheets.onChanged.add(onSheetChanged),
      context.workbook.tables.onChanged.add(onTableChanged),
      sheets.onAdded.add(onSheets),
      sheets.onDeleted.add(onSheets),
    ];
    if (supportsExcelApi("1.17")) results.push(sheets.onNameChanged.add(onSheets));
    await context.sync();
    formIds = read();
    return results;
  }).catch(() => [] as OfficeExtension.EventHandlerResult<unknown>[]);
  return () => {
    listening = false;
    void registered
      .then(async (results) => {
        const first = results[0];
        if (first === undefined) return;
        await Excel.run(first.context, async (context) => {
          for (const result of results) result.remove();
          await context.sync();
        });
      })
      .catch(() => undefined);
  };
}
