import { UsageError, parseArguments } from "../../src/cli/args";

function usageError(argv: string[]): string {
  try {
    parseArguments(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`expected ${argv.join(" ")} to be refused`);
}

describe("verify", () => {
  test("every option of docs/rules.md §7, in both spellings", () => {
    const command = parseArguments([
      "verify",
      "a.csv",
      "b.xlsx",
      "--json",
      "--as-of",
      "2024-06-01",
      "--rules=2014",
      "--cst-t",
      "2020-01-02",
      "--cst-d=2021-03-04",
      "--awarded",
      "2",
    ]);
    expect(command).toEqual({
      command: "verify",
      files: ["a.csv", "b.xlsx"],
      flags: { json: true, asOf: "2024-06-01" },
      overrides: { ruleSet: "2014", techniqueCertifiedOn: "2020-01-02", diplomateCertifiedOn: "2021-03-04", creditsAwarded: 2 },
    });
  });

  test("without options: plain output, no overrides", () => {
    const command = parseArguments(["verify", "a.csv"]);
    expect(command).toEqual({ command: "verify", files: ["a.csv"], flags: { json: false }, overrides: {} });
  });

  test("an unknown option", () => expect(usageError(["verify", "a.csv", "--jsn"])).toBe("unknown option --jsn"));
  test("a missing value", () => expect(usageError(["verify", "a.csv", "--as-of"])).toBe("--as-of needs a value: a date YYYY-MM-DD"));
  test("an option as the value of another", () =>
    expect(usageError(["verify", "a.csv", "--as-of", "--json"])).toBe("--as-of needs a value: a date YYYY-MM-DD"));
  test("a date that is not a calendar date", () =>
    expect(usageError(["verify", "a.csv", "--as-of", "2023-02-29"])).toMatch(/^--as-of needs a real date/));
  test("a date in another shape", () =>
    expect(usageError(["verify", "a.csv", "--cst-t", "03/04/2024"])).toMatch(/^--cst-t needs a real date/));
  test("an unknown rule set", () => expect(usageError(["verify", "a.csv", "--rules", "2020"])).toBe("--rules must be current or 2014"));
  test("credits awarded that are not a whole number", () => {
    expect(usageError(["verify", "a.csv", "--awarded", "1.5"])).toMatch(/^--awarded must be a whole number/);
    expect(usageError(["verify", "a.csv", "--awarded", "-1"])).toMatch(/^--awarded must be a whole number/);
    expect(usageError(["verify", "a.csv", "--awarded", "5000"])).toMatch(/^--awarded must be a whole number/);
  });
  test("an option given twice", () =>
    expect(usageError(["verify", "a.csv", "--json", "--json"])).toBe("--json is given twice: give it once"));
  test("a value given to --json", () => expect(usageError(["verify", "a.csv", "--json=yes"])).toBe("--json takes no value"));
  test("no file", () => expect(usageError(["verify", "--json"])).toMatch(/^verify needs at least one FILE/));
  test("a file named like an option after --", () => {
    expect(parseArguments(["verify", "--", "--odd.csv"])).toMatchObject({ files: ["--odd.csv"] });
  });
});

describe("export and template", () => {
  test("export takes FILE, OUT.xlsx and the options of verify", () => {
    expect(parseArguments(["export", "log.csv", "out.xlsx", "--name", "Ann", "--as-of", "2024-06-01"])).toEqual({
      command: "export",
      file: "log.csv",
      output: "out.xlsx",
      flags: { json: false, asOf: "2024-06-01" },
      overrides: { name: "Ann" },
    });
    expect(parseArguments(["export", "log.csv", "out.pdf"])).toMatchObject({ output: null, flags: { pdf: "out.pdf" } });
    expect(parseArguments(["export", "log.csv", "out.xlsx", "--pdf", "out.pdf"])).toMatchObject({
      output: "out.xlsx",
      flags: { pdf: "out.pdf" },
    });
    expect(usageError(["export", "log.csv"])).toBe("export needs FILE and OUT.xlsx (or OUT.pdf)");
    expect(usageError(["export", "log.csv", "out.csv"])).toMatch(/must be an \.xlsx or \.pdf file name/);
    expect(usageError(["export", "log.csv", "out.xlsx", "more.xlsx"])).toMatch(/unexpected "more.xlsx"/);
  });

  test("template takes OUT.xlsx and no options", () => {
    expect(parseArguments(["template", "form.xlsx"])).toEqual({ command: "template", output: "form.xlsx" });
    expect(usageError(["template"])).toBe("template needs OUT.xlsx");
    expect(usageError(["template", "form.xlsx", "--json"])).toBe("template takes no options");
  });
});

test("help, and commands that do not exist", () => {
  expect(parseArguments(["--help"])).toEqual({ command: "help" });
  expect(parseArguments(["verify", "-h"])).toEqual({ command: "help" });
  expect(usageError([])).toMatch(/^no command given/);
  expect(usageError(["check", "a.csv"])).toBe('unknown command "check": use verify, export or template');
});
