/**
 * The Excel model on its own: each behaviour as Microsoft documents it (see
 * the pages cited in excelModel.ts), whatever the add-in's code does.
 */
import { ExcelModel, PAYLOAD_LIMIT, RichApiError, formulaResult } from "./excelModel";

type Context = {
  workbook: {
    worksheets: {
      getItem(name: string): Sheet;
      getItemOrNullObject(name: string): Sheet & { isNullObject: boolean };
      onChanged: { add(handler: (args: Record<string, unknown>) => Promise<void>): { remove(): void } };
    };
    tables: { getItem(name: string): { rows: { add(index?: number, values?: unknown[][]): unknown } } };
  };
  sync(): Promise<void>;
};
type Range = { values: unknown[][]; formulas: unknown[][]; numberFormat: string[][]; load(names: string): Range };
type Sheet = { getRange(address: string): Range };

const run = <T>(batch: (context: Context) => Promise<T>): Promise<T> =>
  (globalThis as unknown as { Excel: { run: (batch: (context: Context) => Promise<T>) => Promise<T> } }).Excel.run(batch);

afterEach(() => ExcelModel.uninstall());

function model(): ExcelModel {
  const excel = new ExcelModel().install();
  excel.addSheet("Sheet1");
  return excel;
}

async function writeValue(address: string, value: unknown, format?: string): Promise<void> {
  await run(async (context) => {
    const range = context.workbook.worksheets.getItem("Sheet1").getRange(address);
    if (format !== undefined) range.numberFormat = [[format]];
    range.values = [[value]];
    await context.sync();
  });
}

describe("Range.values reads a string as typed (Excel.Range.values: '+', '-' or '=' starts a formula)", () => {
  test.each([
    ["+1 session", "=+1 session", "#NAME?"],
    ['=HYPERLINK("x","y")', '=HYPERLINK("x","y")', "y"],
    ["=1+1", "=1+1", 2],
    ["-see notes", "=-see notes", "#NAME?"],
    ["@SUM", "=SUM", "#NAME?"],
  ])("%s in a General cell becomes the formula %s, whose value reads %s", async (typed, formula, value) => {
    const excel = model();
    await writeValue("A1", typed);
    expect(excel.cell("Sheet1", "A1")).toEqual({ value, formula, numberFormat: "General" });
  });

  test("numbers and ISO dates in text become numbers; TRUE becomes a boolean", async () => {
    const excel = model();
    await writeValue("A1", "007");
    await writeValue("A2", "-5");
    await writeValue("A3", "2024-01-02");
    await writeValue("A4", "true");
    expect(excel.values("Sheet1", "A1:A4")).toEqual([[7], [-5], [45293], [true]]);
  });

  test("a cell formatted as Text (@) before the value, in the same batch, keeps the text", async () => {
    const excel = model();
    await writeValue("A1", "+1 session", "@");
    await writeValue("A2", "007", "@");
    expect(excel.cell("Sheet1", "A1")).toEqual({ value: "+1 session", formula: null, numberFormat: "@" });
    expect(excel.cell("Sheet1", "A2").value).toBe("007");
  });

  test("a formula Excel cannot enter is refused", async () => {
    model();
    await expect(writeValue("A1", '=HYPERLINK("x"')).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("formulas reads a formula's text, values its result; cells without formulas read their value both ways", async () => {
    const excel = model();
    excel.typeFormula("Sheet1", "A1", "=CST.STATUS(A2:G2)", "OK");
    excel.type("Sheet1", "A2", "plain");
    const read = await run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:A2").load("values, formulas");
      await context.sync();
      return { values: range.values, formulas: range.formulas };
    });
    expect(read).toEqual({ values: [["OK"], ["plain"]], formulas: [["=CST.STATUS(A2:G2)"], ["plain"]] });
  });

  test("null leaves a cell as it is", async () => {
    const excel = model();
    excel.type("Sheet1", "B1", "keep");
    await run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [["new", null]];
      await context.sync();
    });
    expect(excel.values("Sheet1", "A1:B1")).toEqual([["new", "keep"]]);
  });

  test("formula results: arithmetic, string literals and HYPERLINK; anything else #NAME?", () => {
    expect(formulaResult("=(1+2)*3")).toBe(9);
    expect(formulaResult('="a ""b"""')).toBe('a "b"');
    expect(formulaResult('=HYPERLINK("http://x")')).toBe("http://x");
    expect(formulaResult("=SUM(A1:A2)")).toBe("#NAME?");
  });
});

describe("the request context", () => {
  test("a property read before it is loaded and synced throws PropertyNotLoaded", async () => {
    model();
    await expect(
      run(async (context) => {
        const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1");
        await context.sync();
        return range.values;
      }),
    ).rejects.toMatchObject({ code: "PropertyNotLoaded" });
  });

  test("getItem of a missing sheet fails the sync with ItemNotFound; getItemOrNullObject says isNullObject", async () => {
    model();
    await expect(
      run(async (context) => {
        context.workbook.worksheets.getItem("Nope");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
    const missing = await run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject("Nope");
      await context.sync();
      return sheet.isNullObject;
    });
    expect(missing).toBe(true);
  });

  test("each sync is counted with the bytes it sends and receives", async () => {
    const excel = model();
    await writeValue("A1", "hello");
    expect(excel.syncs).toBe(1);
    expect(excel.requests[0]?.requestBytes).toBeGreaterThan('[["hello"]]'.length);
  });
});

describe("Excel on the web refuses a request or response over 5 MB", () => {
  const big = Array.from({ length: 60_000 }, (_, i) => [
    `a fairly long note of about a hundred characters, row ${i}, to fill the request past its limit`,
  ]);

  test("a request over the limit is refused with RequestPayloadSizeLimitExceeded and changes nothing", async () => {
    const excel = model();
    const failure = run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange(`A1:A${big.length}`).values = big;
      await context.sync();
    });
    await expect(failure).rejects.toBeInstanceOf(RichApiError);
    await expect(failure).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(excel.requests[0]?.requestBytes).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(excel.cell("Sheet1", "A1").value).toBe("");
  });

  test("a response over the limit is refused with ResponsePayloadSizeLimitExceeded", async () => {
    const excel = model();
    const sheet = excel.sheet("Sheet1");
    big.forEach(([text], row) => sheet?.put(row, 0, text as string, null));
    await expect(
      run(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange(`A1:A${big.length}`).load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });
});

describe("change events (Excel's events page: user edits and add-in code both raise them)", () => {
  async function listen(): Promise<Record<string, unknown>[]> {
    const events: Record<string, unknown>[] = [];
    await run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (args) => {
        events.push(args);
      });
      await context.sync();
    });
    return events;
  }

  test("typing in a cell and writing through the API both raise WorksheetCollection.onChanged, after the change", async () => {
    const excel = model();
    const events = await listen();
    excel.type("Sheet1", "C3", "typed");
    expect(events).toEqual([]);
    await excel.settle();
    await writeValue("A1", "written");
    await excel.settle();
    expect(events.map((event) => [event.address, event.triggerSource, event.source])).toEqual([
      ["C3", "Unknown", "Local"],
      ["A1", "ThisLocalAddin", "Local"],
    ]);
  });

  test("a host without ExcelApi 1.9 refuses WorksheetCollection.onChanged with ApiNotFound", async () => {
    new ExcelModel({ apiVersion: "1.8" }).install().addSheet("Sheet1");
    await expect(listen()).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});

describe("tables", () => {
  function withTable(): ExcelModel {
    const excel = new ExcelModel().install();
    excel.addSheet("Log", [["Date", "Notes"], [1, "a"], [], ["Totals", 1]]);
    excel.addTable("Log", "A1:B2", "T");
    excel.setFormat("Log", "B2", "@");
    return excel;
  }

  test("rows.add inserts (the rows below shift down) and the new row takes the formats of the row above", async () => {
    const excel = withTable();
    await run(async (context) => {
      context.workbook.tables.getItem("T").rows.add(undefined, [[2, "+1"]]);
      await context.sync();
    });
    expect(excel.values("Log", "A1:B5")).toEqual([
      ["Date", "Notes"],
      [1, "a"],
      [2, "+1"],
      ["", ""],
      ["Totals", 1],
    ]);
    expect(excel.table("T")?.rowCount).toBe(2);
  });

  test("typing in the row right below a table makes it grow; deleting the only data row leaves one empty row", () => {
    const excel = withTable();
    excel.type("Log", "A3", "2");
    expect(excel.table("T")?.rowCount).toBe(2);
    excel.deleteTableRowByHand("T", 0);
    excel.deleteTableRowByHand("T", 0);
    expect(excel.table("T")?.rowCount).toBe(1);
    expect(excel.values("Log", "A2:B2")).toEqual([["", ""]]);
  });
});

describe("a batch runs in queue order: a reference to a sheet not added yet fails", () => {
  type Batch = {
    workbook: {
      worksheets: {
        add(name: string): { getRange(address: string): { dataValidation: { rule: unknown } } };
        getItem(name: string): { getRange(address: string): { dataValidation: { rule: unknown } } };
      };
    };
    sync(): Promise<void>;
  };
  const runBatch = (batch: (context: Batch) => Promise<void>) =>
    (globalThis as unknown as { Excel: { run: (batch: (context: Batch) => Promise<void>) => Promise<void> } }).Excel.run(batch);
  const listRule = { list: { inCellDropDown: true, source: "='CST Lists'!$A$2:$A$12" } };

  test("a list rule queued before its sheet is added fails the batch", async () => {
    const excel = model();
    await expect(
      runBatch(async (context) => {
        context.workbook.worksheets.getItem("Sheet1").getRange("B2").dataValidation.rule = listRule;
        context.workbook.worksheets.add("CST Lists");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(excel.sheet("Sheet1")?.validations.size).toBe(0);
  });

  test("the same rule queued after the sheet is added is taken", async () => {
    const excel = model();
    await runBatch(async (context) => {
      context.workbook.worksheets.add("CST Lists");
      context.workbook.worksheets.getItem("Sheet1").getRange("B2").dataValidation.rule = listRule;
      await context.sync();
    });
    expect(excel.sheet("Sheet1")?.validations.get("B2")).toEqual(listRule);
  });
});

describe("a cell being edited (Excel.RunOptions.delayForCellEdit)", () => {
  const runWith = <T>(options: unknown, batch: (context: Context) => Promise<T>): Promise<T> =>
    (globalThis as unknown as { Excel: { run: (options: unknown, batch: (context: Context) => Promise<T>) => Promise<T> } }).Excel.run(
      options,
      batch,
    );
  const readA1 = async (context: Context) => {
    const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values");
    await context.sync();
    return range.values[0]?.[0];
  };

  test("without the option a batch fails with InvalidOperation while a cell is edited", async () => {
    const excel = model();
    excel.startCellEdit();
    await expect(run(readA1)).rejects.toMatchObject({ code: "InvalidOperation" });
    await expect(runWith({ delayForCellEdit: false }, readA1)).rejects.toMatchObject({ code: "InvalidOperation" });
    excel.endCellEdit();
    await expect(run(readA1)).resolves.toBe("");
  });

  test("with the option the batch waits for the edit to end, then runs", async () => {
    const excel = model();
    excel.startCellEdit();
    let done = false;
    const read = runWith({ delayForCellEdit: true }, readA1).then((value) => ((done = true), value));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toBe(false);
    excel.type("Sheet1", "A1", "typed");
    excel.endCellEdit();
    await expect(read).resolves.toBe("typed");
  });

  test("a host without ExcelApi 1.11 does not know the option: the batch fails", async () => {
    const excel = new ExcelModel({ apiVersion: "1.10" }).install();
    excel.addSheet("Sheet1");
    excel.startCellEdit();
    await expect(runWith({ delayForCellEdit: true }, readA1)).rejects.toMatchObject({ code: "InvalidOperation" });
  });
});

describe("the task pane (Show or hide the task pane; Runtimes)", () => {
  type Addin = {
    showAsTaskpane(): Promise<void>;
    onVisibilityModeChanged(handler: (args: { visibilityMode: string }) => void): Promise<() => Promise<void>>;
  };
  const addin = () => (globalThis as unknown as { Office: { addin: Addin } }).Office.addin;

  test("showAsTaskpane resolves without showing the pane; the person opening it is told to the add-in", async () => {
    const excel = model();
    excel.hidePane();
    const modes: string[] = [];
    const remove = await addin().onVisibilityModeChanged((args) => void modes.push(args.visibilityMode));
    await expect(addin().showAsTaskpane()).resolves.toBeUndefined();
    expect(excel.paneVisible).toBe(false);
    expect(modes).toEqual([]);
    excel.showPane();
    excel.hidePane();
    expect(modes).toEqual(["Taskpane", "Hidden"]);
    await remove();
    excel.showPane();
    expect(modes).toHaveLength(2);
  });

  test("change events reach the add-in while its pane is hidden", async () => {
    const excel = model();
    const events: unknown[] = [];
    await run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (args) => void events.push(args));
      await context.sync();
    });
    excel.hidePane();
    excel.type("Sheet1", "A1", "typed while hidden");
    await excel.settle();
    expect(events).toHaveLength(1);
  });
});

test("Excel.createWorkbook refuses base64 over the 5 MB request limit", async () => {
  const excel = new ExcelModel().install();
  const createWorkbook = (globalThis as unknown as { Excel: { createWorkbook(base64: string): Promise<void> } }).Excel.createWorkbook;
  await expect(createWorkbook("A".repeat(PAYLOAD_LIMIT))).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  await createWorkbook("UEsDBA==");
  expect(excel.createdWorkbooks).toEqual(["UEsDBA=="]);
});

test("page zoom takes a scale of 10 to 400 or a number of pages, not 0 (Excel.PageLayoutZoomOptions)", async () => {
  const excel = model();
  type Layout = { pageLayout: { zoom: unknown } };
  const setZoom = (zoom: unknown) =>
    run(async (context) => {
      (context.workbook.worksheets.getItem("Sheet1") as unknown as Layout).pageLayout.zoom = zoom;
      await context.sync();
    });
  await expect(setZoom({ horizontalFitToPages: 1, verticalFitToPages: 0 })).rejects.toMatchObject({ code: "InvalidArgument" });
  await expect(setZoom({ scale: 5 })).rejects.toMatchObject({ code: "InvalidArgument" });
  await setZoom({ horizontalFitToPages: 1, verticalFitToPages: 2 });
  await setZoom({ scale: 80, horizontalFitToPages: null });
  expect(excel.sheet("Sheet1")?.page.zoom).toEqual({ scale: 80, horizontalFitToPages: null });
});

test("before ExcelApi 1.14 a change event does not say who made it (no triggerSource)", async () => {
  const excel = new ExcelModel({ apiVersion: "1.13" }).install();
  excel.addSheet("Sheet1");
  const events: Record<string, unknown>[] = [];
  await run(async (context) => {
    context.workbook.worksheets.onChanged.add(async (args) => void events.push(args));
    await context.sync();
  });
  await writeValue("A1", "written");
  await excel.settle();
  expect(events).toHaveLength(1);
  expect(events[0]).not.toHaveProperty("triggerSource");
});
