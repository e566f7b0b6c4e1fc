/**
 * The open workbook's date system (1900 or 1904), asked of Excel in one way
 * everywhere: `Workbook.use1904DateSystem` is a preview API that no released
 * requirement set has (loading an unsupported property fails a whole
 * batch), so the workbook's own DATE function (ExcelApi 1.2) is asked for
 * 1904-01-01, which is serial 0 in the 1904 system and 1462 in the 1900
 * one. Hosts without ExcelApi 1.2 count in the 1900 system, Excel's default.
 * The pane reads it in the same batch as the form; the custom functions ask
 * once and remember.
 */
import type { DateSystem } from "../core";
import { supportsExcelApi } from "./host";

const SERIAL_OF_1904_01_01_IN_1904 = 0;

/** Queues the probe in a batch; after the batch's `sync`, the returned function tells the date system. */
export function queueDateSystemProbe(context: Excel.RequestContext): () => DateSystem {
  const probe = supportsExcelApi("1.2") ? context.workbook.functions.date(1904, 1, 1).load("value, error") : null;
  return () => (probe !== null && !probe.error && probe.value === SERIAL_OF_1904_01_01_IN_1904 ? "1904" : "1900");
}

/**
 * Asks Excel in a batch of its own; null where there is no Excel API to ask
 * (Node, tests, a browser outside Excel). A batch Excel refuses rejects: a
 * refusal is no answer, and reading it as 1900 would shift a 1904
 * workbook's dates by 1,462 days. The batch waits while a cell is being
 * edited (`delayForCellEdit`, ExcelApi 1.11), when Excel would refuse it
 * (https://learn.microsoft.com/javascript/api/excel/excel.runoptions).
 */
export async function readDateSystemFromExcel(): Promise<DateSystem | null> {
  const excel = (globalThis as { Excel?: { run?: unknown } }).Excel;
  if (typeof excel !== "object" || excel === null || typeof excel.run !== "function") return null;
  return Excel.run({ delayForCellEdit: true }, async (context) => {
    const read = queueDateSystemProbe(context);
    await context.sync();
    return read();
  });
}
