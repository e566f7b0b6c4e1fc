import { excelSerialToIsoDate, isoDateToExcelSerial, parseIsoDate, readDateCell } from "../../src/core";

describe("docs/rules.md §2: calendar dates from Excel serials", () => {
  test("1900 system: serial 1 is 1900-01-01", () => expect(excelSerialToIsoDate(1, "1900")).toBe("1900-01-01"));
  test("1900 system: serial 59 is 1900-02-28, 60 is Excel's fictitious 1900-02-29, 61 is 1900-03-01", () => {
    expect(excelSerialToIsoDate(59, "1900")).toBe("1900-02-28");
    expect(excelSerialToIsoDate(60, "1900")).toBeNull();
    expect(excelSerialToIsoDate(61, "1900")).toBe("1900-03-01");
  });
  test("1900 system: modern dates", () => {
    expect(excelSerialToIsoDate(45000, "1900")).toBe("2023-03-15");
    expect(excelSerialToIsoDate(41640, "1900")).toBe("2014-01-01");
    expect(excelSerialToIsoDate(2958465, "1900")).toBe("9999-12-31");
    expect(excelSerialToIsoDate(2958466, "1900")).toBeNull();
  });
  test("1904 system: serial 0 is 1904-01-01, 1462 days from the 1900 system", () => {
    expect(excelSerialToIsoDate(0, "1904")).toBe("1904-01-01");
    expect(excelSerialToIsoDate(45000 - 1462, "1904")).toBe("2023-03-15");
    expect(excelSerialToIsoDate(-1, "1904")).toBeNull();
  });
  test("time fractions are ignored", () => {
    expect(excelSerialToIsoDate(45000.999, "1900")).toBe("2023-03-15");
    expect(excelSerialToIsoDate(45000.5 - 1462, "1904")).toBe("2023-03-15");
  });
  test("serials and ISO dates convert both ways in both systems", () => {
    for (const iso of ["1900-01-01", "1900-02-28", "1900-03-01", "1904-01-01", "2014-05-01", "2024-02-29", "9999-12-31"]) {
      for (const system of ["1900", "1904"] as const) {
        if (system === "1904" && iso < "1904-01-01") continue;
        expect(excelSerialToIsoDate(isoDateToExcelSerial(iso, system), system)).toBe(iso);
      }
    }
  });
  test("no time-zone shift: the result does not depend on the process time zone", () => {
    const original = process.env.TZ;
    try {
      const seen = new Set<string | null>();
      for (const zone of ["UTC", "Pacific/Auckland", "America/Los_Angeles"]) {
        process.env.TZ = zone;
        seen.add(excelSerialToIsoDate(45000.01, "1900"));
      }
      expect([...seen]).toEqual(["2023-03-15"]);
    } finally {
      process.env.TZ = original;
    }
  });
  test("ISO text must be a real date", () => {
    expect(parseIsoDate("2024-02-29")).toBe("2024-02-29");
    expect(parseIsoDate("2023-02-29")).toBeNull();
    expect(parseIsoDate("0000-01-01")).toBeNull();
    expect(parseIsoDate("2024-1-5")).toBeNull();
  });
  test("a date decoded by a workbook reader is read as is", () => {
    expect(readDateCell({ isoDate: "2024-05-06" }, "1900")).toMatchObject({ ok: true, date: "2024-05-06" });
  });
});
