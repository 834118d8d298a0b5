// The result schema loaded into ajv (strict, draft 2020-12), and validation of what a user would actually read.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { formatJson } from "../../src/report/json.js";

export interface SchemaNode { properties?: Record<string, SchemaNode>; required?: string[]; items?: SchemaNode; $ref?: string; oneOf?: SchemaNode[] }
export type Schema = { $id: string; version: number; $defs: Record<string, SchemaNode> } & SchemaNode;

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const schema = JSON.parse(readFileSync(`${repoRoot}schema/result.schema.json`, "utf8")) as Schema;
export const ajv = new Ajv2020({ strict: true, allErrors: true });
ajv.addKeyword("version"); // the schema's own version annotation
ajv.addSchema(schema);
export const validateAny = ajv.getSchema(schema.$id)!;
export const validateResult = ajv.getSchema(`${schema.$id}#/$defs/analysisResult`)!;
export const validateFailure = ajv.getSchema(`${schema.$id}#/$defs/fileFailure`)!;

/** Validate the JSON text, not the in-memory object: NaN becomes null there, as users see it. */
export function schemaErrors(validate: ValidateFunction, value: unknown): string[] {
  const ok = validate(JSON.parse(formatJson(value)));
  return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
}
