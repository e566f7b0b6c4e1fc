/**
 * A workbook still being made (the preview's sample, built with the core after the pane's first paint):
 * each call waits for it, then goes to it, so the pane can draw its heading, tabs and "Reading the
 * workbook…" before the workbook or the core have loaded. A workbook that could not be made is each
 * call's error.
 */
import type { TrackingWorkbook } from "./workbook";

export function pendingWorkbook(ready: Promise<TrackingWorkbook>): TrackingWorkbook {
  return {
    readForm: () => ready.then((workbook) => workbook.readForm()),
    insertForm: () => ready.then((workbook) => workbook.insertForm()),
    appendRow: (cells) => ready.then((workbook) => workbook.appendRow(cells)),
    writeRow: (row, cells, expected) => ready.then((workbook) => workbook.writeRow(row, cells, expected)),
    removeRow: (row, expected) => ready.then((workbook) => workbook.removeRow(row, expected)),
    writeProfile: (changes) => ready.then((workbook) => workbook.writeProfile(changes)),
    markRows: (marks) => ready.then((workbook) => workbook.markRows(marks)),
    writeVerification: (write) => ready.then((workbook) => workbook.writeVerification(write)),
    readVerification: () => ready.then((workbook) => workbook.readVerification()),
    goTo: (target) => ready.then((workbook) => workbook.goTo(target)),
    subscribe(listener) {
      let stop: (() => void) | null = null;
      let stopped = false;
      ready.then(
        (workbook) => {
          if (!stopped) stop = workbook.subscribe(listener);
        },
        // Nothing to listen to: the reads say why.
        () => undefined,
      );
      return () => {
        stopped = true;
        stop?.();
      };
    },
  };
}
