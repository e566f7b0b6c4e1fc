import { createContext, useContext, type ReactNode } from "react";
import type { TrackingWorkbook } from "../excel/workbook";

const WorkbookContext = createContext<TrackingWorkbook | null>(null);

export function WorkbookProvider({ workbook, children }: { workbook: TrackingWorkbook; children: ReactNode }) {
  return <WorkbookContext.Provider value={workbook}>{children}</WorkbookContext.Provider>;
}

export function useWorkbook(): TrackingWorkbook {
  const workbook = useContext(WorkbookContext);
  if (workbook === null) throw new Error("useWorkbook needs a WorkbookProvider around the app.");
  return workbook;
}
