import { useEffect, useState } from "react";
import type { MemoryWorkbook } from "../excel/memoryWorkbook";

/**
 * The latest value `compute` gives for the workbook, computed again shortly
 * after each change; `touched` is set at once on a change, before the value
 * catches up (the warning before closing must not wait for it).
 */
export function useWorkbookValue<T>(
  workbook: MemoryWorkbook,
  compute: (workbook: MemoryWorkbook) => Promise<T>,
  touched: () => void,
): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const update = () => {
      void compute(workbook).then((next) => {
        if (live) setValue(() => next);
      });
    };
    update();
    const stop = workbook.subscribe(() => {
      touched();
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        update();
      }, 100);
    });
    return () => {
      live = false;
      if (timer !== null) clearTimeout(timer);
      stop();
    };
  }, [workbook, compute, touched]);
  return value;
}
