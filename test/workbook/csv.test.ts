import fc from "fast-check";
import { extraFieldsFinding } from "../../src/core";
import { decodeCsvBytes, parseCsv, parseCsvLog } from "../../src/workbook/csv";
import { UnreadableFileError } from "../../src/workbook/errors";

const HEADER = "Date,Activity,Format,Provider,Credential,Quantity,Notes";

function unreadable(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableFileError);
    return (error as Error).message;
  }
  throw new Error("expected the CSV to be refused");
}

describe("RFC 4180 records", () => {
  test("quoted fields hold commas, doubled quotes and line breaks", () => {
    const records = parseCsv('a,"b, c","say ""hi""","two\nlines",e\n');
    expect(records).toEqual([{ line: 1, fields: ["a", "b, c", 'say "hi"', "two\nlines", "e"] }]);
  });

  test("a line break inside a quoted field reads as a line feed, as a spreadsheet cell holds it", () => {
    const records = parseCsv('"a\r\nb\rc\nd",x\ny');
    expect(records).toEqual([
      { line: 1, fields: ["a\nb\nc\nd", "x"] },
      { line: 5, fields: ["y"] },
    ]);
  });

  test("CRLF, LF and lone CR all end a record; a last line without a break still counts", () => {
    expect(parseCsv("a,b\r\nc,d\re,f\ng,h").map((record) => record.fields)).toEqual([
      ["a", "b"],
      ["c", "d"],
      ["e", "f"],
      ["g", "h"],
    ]);
  });

  test("a UTF-8 byte order mark is not part of the first header", () => {
    const text = decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(`${HEADER}\n`)]));
    expect(() => parseCsvLog(text)).not.toThrow();
    expect(parseCsv(text)[0]?.fields[0]).toBe("Date");
  });

  test("empty fields, trailing commas and blank lines", () => {
    expect(parseCsv('a,,"",\n\nb').map((record) => record.fields)).toEqual([["a", "", "", ""], [""], ["b"]]);
  });

  test("text after a closing quote and a quote inside an unquoted field are kept as written", () => {
    expect(parseCsv('"ab"cd,e"f\n')[0]?.fields).toEqual(["abcd", 'e"f']);
  });

  test("a quoted field never closed is refused naming the line it opened on", () => {
    expect(unreadable(() => parseCsv('a,b\nc,"open\nmore\n'))).toMatch(/^line 2: a quoted field is never closed/);
  });
});

test("any records written as RFC 4180 read back the same, each numbered by its first physical line (property)", () => {
  const field = fc.string({ unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "é", "1") });
  const record = fc.array(field, { minLength: 1, maxLength: 5 }).filter((fields) => !(fields.length === 1 && fields[0] === ""));
  fc.assert(
    fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), fc.constantFrom("\n", "\r\n"), (records, newline) => {
      const quote = (value: string) => (/[",\n]/.test(value) || value === "" ? `"${value.replace(/"/g, '""')}"` : value);
      const text = records.map((fields) => fields.map(quote).join(",")).join(newline) + newline;
      let line = 1;
      const expected = records.map((fields) => {
        const start = line;
        line += 1 + fields.join("").split("\n").length - 1;
        return { line: start, fields };
      });
      expect(parseCsv(text)).toEqual(expected);
    }),
  );
});

describe("row numbers are the physical line a record starts on", () => {
  test("a note spanning two lines pushes the next record's number down", () => {
    const log = parseCsvLog(
      `${HEADER}\r\n2024-01-01,treatment,In person,A,CST-T,1,"first\r\nsecond"\r\n2024-01-02,treatment,In person,A,CST-T,1,\r\n`,
    );
    expect(log.rows.map((row) => row.row)).toEqual([2, 4]);
    expect(log.rows[0]?.cells[6]).toBe("first\nsecond");
  });

  test("blank lines keep their numbers (they are empty rows, skipped by the checks)", () => {
    const log = parseCsvLog(`${HEADER}\n\n2024-01-01,treatment,In person,A,CST-T,1,\n`);
    expect(log.rows.map((row) => row.row)).toEqual([2, 3]);
  });
});

describe("the header row", () => {
  test("the seven headers in order, any case and surrounding spaces", () => {
    expect(() => parseCsvLog(" date , ACTIVITY,format,Provider,credential,Quantity,notes\n")).not.toThrow();
  });

  test("columns after Notes are allowed and ignored; short rows are padded with blanks", () => {
    const log = parseCsvLog(`${HEADER},Category,Status\n2024-01-01,treatment,In person,A,CST-T,1,n,A,OK\n2024-01-02,treatment\n`);
    expect(log.rows[0]?.cells).toEqual(["2024-01-01", "treatment", "In person", "A", "CST-T", 1, "n"]);
    expect(log.rows[1]?.cells).toEqual(["2024-01-02", "treatment", "", "", "", "", ""]);
  });

  test("text beyond the header row's columns is kept for the row's error, never dropped; empty extra fields lose nothing", () => {
    const header = HEADER.replace(/,/g, ";");
    const log = parseCsvLog(
      `${header}\n2024-01-10;treatment;In person;J;CST-T;6;first; unquoted extra field\n2024-01-11;treatment;In person;J;CST-T;6;ok;;\n;;;;;;;stray\n`,
    );
    const extra = (text: string) => ({ errors: [extraFieldsFinding(text)], warnings: [] });
    expect(log.rows).toEqual([
      { row: 2, cells: ["2024-01-10", "treatment", "In person", "J", "CST-T", 6, "first"], found: extra("; unquoted extra field") },
      { row: 3, cells: ["2024-01-11", "treatment", "In person", "J", "CST-T", 6, "ok"] },
      { row: 4, cells: ["", "", "", "", "", "", ""], found: extra(";stray") },
    ]);
    const wider = parseCsvLog(`${HEADER},Status\n2024-01-10,treatment,In person,J,CST-T,6,n,OK,"late, extra"\n`);
    expect(wider.rows[0]?.found).toEqual(extra(",late, extra"));
  });

  test("headers out of order are refused naming the expected headers", () => {
    expect(unreadable(() => parseCsvLog("Activity,Date,Format,Provider,Credential,Quantity,Notes\n"))).toMatch(
      /line 1: the header row must be Date,Activity,Format,Provider,Credential,Quantity,Notes; found "Activity,Date/,
    );
  });

  test("a missing header is refused", () => {
    expect(unreadable(() => parseCsvLog("Date,Activity,Format,Provider,Credential,Quantity\n"))).toMatch(/the header row must be/);
  });

  test("a header row separated by anything else is refused naming the separators read", () => {
    expect(unreadable(() => parseCsvLog("Date|Activity|Format|Provider|Credential|Quantity|Notes\n"))).toMatch(
      /fields may be separated by commas, semicolons or tabs/,
    );
  });

  test("an empty file is refused", () => {
    expect(unreadable(() => parseCsvLog(""))).toMatch(/the file is empty/);
  });
});

test("a Quantity that is a decimal number is read as the number; anything else stays text", () => {
  const log = parseCsvLog(
    `${HEADER}\n2024-01-01,treatment,In person,A,CST-T, 1.50 ,\n2024-01-01,treatment,In person,A,CST-T,1e999,\n2024-01-01,treatment,In person,A,CST-T,two,\n`,
  );
  expect(log.rows.map((row) => row.cells[5])).toEqual([1.5, "1e999", "two"]);
  expect(log.rows[0]?.cells[0]).toBe("2024-01-01");
});

describe("decoding", () => {
  test("bytes that are not UTF-8 are read as Windows-1252", () => {
    expect(decodeCsvBytes(new Uint8Array([0x52, 0xe9, 0x6d, 0x79]))).toBe("Rémy");
  });

  test("UTF-16 with a byte order mark", () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00]);
    expect(decodeCsvBytes(bytes)).toBe("Aé");
  });
});

// How fast is measured by `npm run bench`, not asserted here.
test("100,000 rows parse, with quoted fields and their line numbers", () => {
  const lines = [HEADER];
  for (let i = 0; i < 100_000; i++)
    lines.push(`2024-01-${String((i % 28) + 1).padStart(2, "0")},treatment,In person,"Roe, Jane",CST-T,1.5,"note ${i}"`);
  const text = `${lines.join("\r\n")}\r\n`;
  const log = parseCsvLog(text);
  expect(log.rows).toHaveLength(100_000);
  expect(log.rows[99_999]).toEqual({
    row: 100_001,
    cells: ["2024-01-12", "treatment", "In person", "Roe, Jane", "CST-T", 1.5, "note 99999"],
  });
});
