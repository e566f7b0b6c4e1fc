/** @jest-environment jsdom */
/**
 * A submission too large for `Excel.createWorkbook` (its base64 travels as
 * one request, and Excel on the web refuses a request over 5 MB) is
 * downloaded instead, and the outcome says why.
 */
import { openInExcelOrDownload } from "../../src/taskpane/openSubmission";
import { ExcelModel } from "../excel/excelModel";

afterEach(() => ExcelModel.uninstall());

function bytes(count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = (i * 7919) % 251;
  return out;
}

function downloads(): string[] {
  const saved: string[] = [];
  Object.assign(URL, { createObjectURL: () => "blob:submission", revokeObjectURL: () => undefined });
  jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download);
  });
  return saved;
}

test("a submission that fits one request opens as a new workbook", async () => {
  const model = new ExcelModel().install();
  const saved = downloads();
  await expect(openInExcelOrDownload(bytes(200_000), "small.xlsx")).resolves.toBe("opened");
  expect(model.createdWorkbooks).toHaveLength(1);
  expect(saved).toEqual([]);
});

test("a 4 MB submission (5.3 MB in base64) is downloaded, saying it was too large, and Excel is not asked", async () => {
  const model = new ExcelModel().install();
  const saved = downloads();
  await expect(openInExcelOrDownload(bytes(4_000_000), "large.xlsx")).resolves.toBe("downloadedTooLarge");
  expect(saved).toEqual(["large.xlsx"]);
  expect(model.createdWorkbooks).toHaveLength(0);
});
