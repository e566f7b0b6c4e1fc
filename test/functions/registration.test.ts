/**
 * Registration as office.js makes it possible (docs/rules.md §10): office.js defines
 * `CustomFunctions.associate` as soon as it runs, and `CustomFunctions.Error`
 * arrives later with the host's script. functions.ts is imported here as
 * webpack bundles it (test/support/functions-transform.js appends the
 * metadata plugin's `CustomFunctions.associate` calls), each time in a fresh
 * module registry, with the global set up first as the case needs.
 */
import path from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

type FunctionsModule = typeof import("../../src/functions/functions");
type CellErrorModule = typeof import("../../src/functions/cellError");

const SOURCE = path.resolve(__dirname, "../../src/functions/functions.ts");
const globals = globalThis as { CustomFunctions?: unknown };

afterEach(() => {
  delete globals.CustomFunctions;
});

async function importFresh(): Promise<{ functions: FunctionsModule; cellError: CellErrorModule }> {
  let loaded: { functions: FunctionsModule; cellError: CellErrorModule } | undefined;
  await jest.isolateModulesAsync(async () => {
    loaded = {
      functions: await import("../../src/functions/functions"),
      cellError: await import("../../src/functions/cellError"),
    };
  });
  return loaded!;
}

async function functionIds(): Promise<string[]> {
  const generated = await generateCustomFunctionsMetadata(SOURCE, false);
  expect(generated.errors).toEqual([]);
  return (JSON.parse(generated.metadataJson) as { functions: { id: string }[] }).functions.map((fn) => fn.id);
}

test("with only CustomFunctions.associate present, as office.js provides it first, every function of the metadata is associated", async () => {
  const associated = new Map<string, unknown>();
  globals.CustomFunctions = { associate: (id: string, fn: unknown) => void associated.set(id, fn) };

  const { functions } = await importFresh();

  const ids = await functionIds();
  expect(ids).toHaveLength(6);
  expect([...associated.keys()].sort()).toEqual([...ids].sort());
  for (const id of ids) expect(associated.get(id)).toBe(functions[id as keyof FunctionsModule]);
});

test("CustomFunctions.Error arriving after registration is what the functions return from then on", async () => {
  const runtime: { associate(): void; Error?: unknown; ErrorCode?: unknown } = { associate: () => undefined };
  globals.CustomFunctions = runtime;
  const { functions, cellError } = await importFresh();

  // Before the host's script: still an error value with its code and message, never an exception.
  const before = functions.CATEGORY("massage");
  expect(before).toBeInstanceOf(cellError.DetachedCellError);
  expect(before).toMatchObject({ code: "#N/A", message: expect.stringMatching(/^Activity "massage" is not in the program's list/) });

  class RuntimeError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  runtime.Error = RuntimeError;
  runtime.ErrorCode = { invalidValue: "#VALUE!", notAvailable: "#N/A" };
  const after = functions.CATEGORY("massage");
  expect(after).toBeInstanceOf(RuntimeError);
  expect(after).toMatchObject({ code: "#N/A", message: (before as { message: string }).message });
  expect(functions.CREDITED("precepting", 2)).toBe(3);
});

test("without office.js at all (Node, a page whose office.js did not load) importing the functions does not throw, and they answer", async () => {
  const { functions, cellError } = await importFresh();
  expect(functions.CREDITED("precepting", 2)).toBe(3);
  expect(functions.CATEGORY("")).toBeInstanceOf(cellError.DetachedCellError);
});
