/**
 * Reading the workbook's date system through the Excel API (office-addin-mock
 * stands in for Excel), and the fallback to 1900 where there is no API.
 */
import { OfficeMockObject } from "office-addin-mock";
import { excelDateSystemSource, setDateSystemSource, workbookDateSystem } from "../../src/functions/dateSystem";
import { ExcelModel } from "../excel/excelModel";

const globals = globalThis as { Excel?: unknown; Office?: unknown };
/** A host with ExcelApi 1.2, where the workbook's DATE function can be asked. */
const withExcelApi = () => (globals.Office = { context: { requirements: { isSetSupported: () => true } } });

interface MockOptions {
  /** The preview property; absent: the host's API does not have it. */
  readonly use1904DateSystem?: boolean;
  /** What DATE(1904,1,1) evaluates to; absent: the call fails. */
  readonly dateOf1904?: number;
}

function mockExcel(options: MockOptions): { excel: OfficeMockObject; syncs: () => number } {
  const workbook: Record<string, unknown> = {
    functions: {
      dateResult: { value: options.dateOf1904, error: "" },
      date(year: number, month: number, day: number) {
        expect([year, month, day]).toEqual([1904, 1, 1]);
        if (options.dateOf1904 === undefined) throw new Error("Excel.Functions is not supported");
        return (this as { dateResult: unknown }).dateResult;
      },
    },
  };
  if (options.use1904DateSystem !== undefined) workbook.use1904DateSystem = options.use1904DateSystem;
  const excel = new OfficeMockObject({
    context: { workbook },
    run: async function (this: { context: unknown }, first: unknown, second?: (context: unknown) => Promise<unknown>) {
      const batch = (second ?? first) as (context: unknown) => Promise<unknown>;
      return batch(this.context);
    },
  });
  const context = (excel as unknown as { context: { sync: () => Promise<void> } }).context;
  const sync = jest.spyOn(context, "sync");
  return { excel, syncs: () => sync.mock.calls.length };
}

beforeEach(withExcelApi);

afterEach(() => {
  delete globals.Excel;
  delete globals.Office;
  setDateSystemSource();
});

test("without the Excel API the answer is 1900 at once, with no promise", () => {
  expect(excelDateSystemSource()).toBe("1900");
  setDateSystemSource();
  expect(workbookDateSystem()).toBe("1900");
});

test("the preview property Workbook.use1904DateSystem is not asked: the workbook's DATE function decides, as in the pane", async () => {
  globals.Excel = mockExcel({ use1904DateSystem: true, dateOf1904: 1462 }).excel;
  await expect(excelDateSystemSource()).resolves.toBe("1900");
  globals.Excel = mockExcel({ use1904DateSystem: false, dateOf1904: 0 }).excel;
  await expect(excelDateSystemSource()).resolves.toBe("1904");
});

test("a host without ExcelApi 1.2 counts in the 1900 system", async () => {
  globals.Office = { context: { requirements: { isSetSupported: () => false } } };
  globals.Excel = mockExcel({ dateOf1904: 0 }).excel;
  await expect(excelDateSystemSource()).resolves.toBe("1900");
});

test("without the property, Excel's DATE(1904,1,1) tells the system: serial 0 in 1904, 1462 in 1900", async () => {
  globals.Excel = mockExcel({ dateOf1904: 0 }).excel;
  await expect(excelDateSystemSource()).resolves.toBe("1904");
  globals.Excel = mockExcel({ dateOf1904: 1462 }).excel;
  await expect(excelDateSystemSource()).resolves.toBe("1900");
});

test("a read Excel refuses is no answer: it rejects, and is not remembered", async () => {
  globals.Excel = { run: () => Promise.reject(new Error("RichApi.Error: the workbook is busy")) };
  setDateSystemSource();
  await expect(workbookDateSystem()).rejects.toThrow(/did not tell the workbook's date system \(RichApi.Error: the workbook is busy\)/);
  globals.Excel = mockExcel({ dateOf1904: 0 }).excel;
  await expect(workbookDateSystem()).resolves.toBe("1904");
});

test("a 1904 workbook read while a cell is being edited: the read waits for the edit, and answers 1904", async () => {
  const model = new ExcelModel({ date1904: true }).install();
  model.addSheet("Sheet1");
  setDateSystemSource();
  model.startCellEdit();
  const answer = workbookDateSystem();
  await new Promise((resolve) => setTimeout(resolve, 10));
  model.endCellEdit();
  await expect(answer).resolves.toBe("1904");
  expect(workbookDateSystem()).toBe("1904");
  expect(model.runs).toEqual([{ delayForCellEdit: true }]);
});

test("Excel is asked once; the answer is remembered", async () => {
  const { excel, syncs } = mockExcel({ dateOf1904: 0 });
  globals.Excel = excel;
  setDateSystemSource();
  const first = workbookDateSystem();
  const second = workbookDateSystem();
  expect(first).toBe(second);
  await expect(first).resolves.toBe("1904");
  const asked = syncs();
  expect(workbookDateSystem()).toBe("1904");
  expect(syncs()).toBe(asked);
});
