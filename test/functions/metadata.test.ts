/**
 * functions.json is generated from the functions' JSDoc by the same library
 * the webpack plugin uses; this checks what Excel will read from it: the six
 * functions of docs/rules.md §8, their parameters, which are optional, and their types.
 */
import path from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

interface ParameterMetadata {
  name: string;
  description?: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
}
interface FunctionMetadata {
  id: string;
  name: string;
  description: string;
  parameters: ParameterMetadata[];
  result: { type: string; dimensionality?: string };
  options?: Record<string, boolean>;
}

const SOURCE = path.resolve(__dirname, "../../src/functions/functions.ts");

let functions: FunctionMetadata[];

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata(SOURCE, false);
  expect(generated.errors).toEqual([]);
  functions = (JSON.parse(generated.metadataJson) as { functions: FunctionMetadata[] }).functions;
});

function byId(id: string): FunctionMetadata {
  const found = functions.find((fn) => fn.id === id);
  if (found === undefined) throw new Error(`functions.json has no ${id}`);
  return found;
}

/** name:type, "matrix" for ranges, "?" when optional. */
function signature(fn: FunctionMetadata): string[] {
  return fn.parameters.map(
    (parameter) =>
      `${parameter.name}:${parameter.type}${parameter.dimensionality === "matrix" ? "[][]" : ""}${parameter.optional ? "?" : ""}`,
  );
}

test("the six functions of docs/rules.md §8, ids and names in upper case", () => {
  expect(functions.map((fn) => fn.id).sort()).toEqual(["CATEGORY", "CREDIT", "CREDITED", "HOURS", "MISSING", "STATUS"]);
  for (const fn of functions) expect(fn.name).toBe(fn.id);
});

test("parameters, ranges and optional flags: as_of last, of type any (a date serial or ISO text)", () => {
  expect(signature(byId("CREDIT"))).toEqual(["log:any[][]", "profile:any[][]?", "as_of:any?"]);
  expect(signature(byId("HOURS"))).toEqual(["log:any[][]", "category:string?", "profile:any[][]?", "as_of:any?"]);
  expect(signature(byId("MISSING"))).toEqual(["log:any[][]", "category:string?", "profile:any[][]?", "as_of:any?"]);
  expect(signature(byId("STATUS"))).toEqual(["log_row:any[][]", "as_of:any?"]);
  expect(signature(byId("CATEGORY"))).toEqual(["activity:any"]);
  expect(signature(byId("CREDITED"))).toEqual(["activity:any", "quantity:any"]);
});

test("the functions that follow today stream (a new answer when the day changes); CATEGORY and CREDITED do not", () => {
  for (const id of ["CREDIT", "HOURS", "MISSING", "STATUS"]) expect(byId(id).options).toEqual({ stream: true });
  for (const id of ["CATEGORY", "CREDITED"]) expect(byId(id).options).toBeUndefined();
});

test("results: numbers for counts and hours, text for status and category, one cell each", () => {
  for (const id of ["CREDIT", "HOURS", "MISSING", "CREDITED"]) expect(byId(id).result).toEqual({ type: "number" });
  for (const id of ["STATUS", "CATEGORY"]) expect(byId(id).result).toEqual({ type: "string" });
});

test("every function and parameter has help text for Excel's autocomplete", () => {
  for (const fn of functions) {
    expect(fn.description.length).toBeGreaterThan(20);
    for (const parameter of fn.parameters) expect(parameter.description?.length ?? 0).toBeGreaterThan(10);
  }
  expect(byId("HOURS").parameters[1]?.description).toMatch(/"A".*"B".*"C"/);
  expect(byId("CREDIT").parameters[1]?.description).toMatch(/CSTProfile \(Profile!B1:B7; B1:B6 on older forms\)/);
  for (const id of ["CREDIT", "HOURS", "MISSING", "STATUS"]) {
    expect(byId(id).parameters.at(-1)?.description).toMatch(/DATE\(2025,12,31\) or "2025-12-31"\. Leave out for today\./);
  }
});
