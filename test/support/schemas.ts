/**
 * Microsoft's schemas, offline: the add-in manifest's XSDs (checked with
 * xmllint from Debian's libxml2-utils) and the custom functions' JSON schema
 * (checked with ajv). They live outside the repository, beside it, in
 * ../shared/schemas/manifest (its README says where each file comes from).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ValidateFunction } from "ajv";
import AjvDraft04 from "ajv-draft-04";

const ROOT = path.resolve(__dirname, "../..");
export const SCHEMAS = path.resolve(ROOT, "../shared/schemas/manifest");
const MANIFEST_XSD = path.join(SCHEMAS, "OfficeAppManifestV1_1.xsd");
const FUNCTIONS_SCHEMA = path.join(SCHEMAS, "custom-functions.schema.json");

function schemaFile(file: string): string {
  if (!existsSync(file))
    throw new Error(`${file} is missing: Microsoft's schemas are expected in ../shared/schemas/manifest beside the repository.`);
  return file;
}

export interface Validity {
  readonly valid: boolean;
  /** What the validator said, for the test's failure message. */
  readonly messages: string;
}

/** The manifest file against OfficeAppManifestV1_1.xsd (which imports the VersionOverrides and basic-types schemas). */
export function validateManifest(file: string): Validity {
  const result = spawnSync("xmllint", ["--noout", "--schema", schemaFile(MANIFEST_XSD), file], { encoding: "utf8" });
  if (result.error !== undefined && (result.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new Error(
      "xmllint is missing: install Debian's libxml2-utils (apt-get install libxml2-utils) to check the manifest against Microsoft's schemas.",
    );
  }
  if (result.status !== 0 && !/fails to validate/.test(result.stderr)) {
    throw new Error(`xmllint could not check ${file} (exit ${result.status}): ${result.stderr.trim()}`);
  }
  return { valid: result.status === 0, messages: result.stderr.trim() };
}

/**
 * Two top-level Booleans that Microsoft's documentation describes and Excel
 * reads, newer than the 2019 schema: the only additions allowed.
 * https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json#metadata-reference
 */
const DOCUMENTED_SINCE = ["allowCustomDataForDataTypeAny", "allowErrorForDataTypeAny"] as const;

let functionsValidator: ValidateFunction | undefined;

function compileFunctionsSchema(): ValidateFunction {
  const schema = JSON.parse(readFileSync(schemaFile(FUNCTIONS_SCHEMA), "utf8")) as { properties: Record<string, unknown> };
  for (const property of DOCUMENTED_SINCE) schema.properties[property] = { type: "boolean" };
  // The schema is draft-04 (hence ajv-draft-04). Its own meta-validation is off: it has an empty
  // `required` list, which draft-04's meta-schema forbids and later drafts allow; it means nothing.
  const ajv = new AjvDraft04({ allErrors: true, validateSchema: false });
  // An annotation from later drafts that the schema uses; it validates nothing.
  ajv.addKeyword("examples");
  return ajv.compile(schema);
}

/** functions.json against Microsoft's custom-functions.schema.json. */
export function validateFunctionsMetadata(metadata: unknown): Validity {
  functionsValidator ??= compileFunctionsSchema();
  const valid = functionsValidator(metadata);
  return {
    valid,
    messages: (functionsValidator.errors ?? [])
      .map((error) => `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`)
      .join("\n"),
  };
}
