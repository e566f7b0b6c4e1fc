/**
 * The form definition is the one source of each field: a made-up profile
 * field added to a copy of it shows up in the template, is read back by the
 * workbook reader, enters the canonical form (and so the fingerprint), and
 * gets its command-line option, without touching anything else.
 */
import ExcelJS from "exceljs";
import { parseArguments, usage } from "../../src/cli/args";
import { type FormDefinition, FORM, canonicalForm, canonicalProfile, fingerprint, formLayout } from "../../src/core";
import { readWorkbookLog } from "../../src/workbook/read-xlsx";
import { newWorkbook, workbookBytes, writeForm } from "../../src/workbook/write-form";

const WITH_PHONE: FormDefinition = {
  ...FORM,
  profile: [
    ...FORM.profile,
    {
      key: "phone",
      label: "Phone",
      kind: "text",
      defaultValue: "",
      flag: "--phone",
      flagValue: "a phone number",
      choices: null,
      help: "A number the coordinator can call.",
    },
  ],
};

async function template(form: FormDefinition, profileCells: readonly (string | number)[] | null): Promise<Uint8Array> {
  const workbook = newWorkbook(ExcelJS.Workbook);
  writeForm(workbook, { profileCells, rows: null, dateSystem: "1900", fillIn: true }, {}, form);
  return workbookBytes(workbook);
}

describe("a profile field added to the form definition only", () => {
  test("the layout and the template have it, formatted by its kind", async () => {
    expect(formLayout(WITH_PHONE).sheets[0]?.values.map((value) => value.value)).toContain("Phone");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await template(WITH_PHONE, null)) as unknown as ArrayBuffer);
    const profile = workbook.getWorksheet("Profile")!;
    expect(profile.getCell("A8").value).toBe("Phone");
    expect(profile.getCell("B8").numFmt).toBe("@");
  });

  test("the workbook reader reads it by its label", async () => {
    const bytes = await template(WITH_PHONE, ["Ann Mentee", "ann@example.org", "", "", 0, "current", 1, "+44 20 7946 0000"]);
    const content = await readWorkbookLog(bytes, WITH_PHONE);
    // Blank cells may come back as null or "", as the writer stored them: both are blank to the rules.
    expect(content.log.profileCells.map((cell) => cell ?? "")).toEqual([
      "Ann Mentee",
      "ann@example.org",
      "",
      "",
      0,
      "current",
      1,
      "+44 20 7946 0000",
    ]);
    // The form as it is today does not know the field, and reads the seven it has.
    expect((await readWorkbookLog(bytes)).log.profileCells).toHaveLength(7);
  });

  test("the canonical form and the fingerprint cover it", async () => {
    const input = {
      rows: [],
      profileCells: ["Ann", "", "", "", 0, "current", 1, "+44 20"],
      dateSystem: "1900" as const,
      ruleSet: "current" as const,
    };
    expect(canonicalProfile(input, WITH_PHONE)).toEqual(["Ann", "", "", "", "0", "1", "+44 20"]);
    expect(canonicalForm(input, WITH_PHONE)).not.toBe(
      canonicalForm({ ...input, profileCells: [...input.profileCells.slice(0, 7), "+44 21"] }, WITH_PHONE),
    );
    expect(await fingerprint(input, WITH_PHONE)).not.toBe(
      await fingerprint({ ...input, profileCells: [...input.profileCells.slice(0, 7), "+44 21"] }, WITH_PHONE),
    );
    // Today's form leaves it out: existing fingerprints do not change.
    expect(canonicalProfile(input)).toEqual(["Ann", "", "", "", "0", "1"]);
  });

  test("the command line gets its option, checked by its kind, and lists it in the usage", () => {
    expect(parseArguments(["verify", "log.csv", "--phone", "+44 20 7946 0000"], WITH_PHONE)).toMatchObject({
      overrides: { phone: "+44 20 7946 0000" },
    });
    expect(usage(WITH_PHONE)).toMatch(/--phone PHONE\s+Phone, instead of the Profile sheet's\./);
    expect(() => parseArguments(["verify", "log.csv", "--phone", "1"])).toThrow("unknown option --phone");
  });
});
