/**
 * Structural validation against the nbformat 4 JSON schema (the parts that matter for
 * Jupyter to open a file): required keys, no unknown keys where the schema forbids them,
 * value types, and cell ids for nbformat 4.5+. No dependency on a JSON-schema library.
 */

type Json = Record<string, unknown>;

const CELL_KEYS: Record<string, { required: string[]; allowed: string[] }> = {
  code: {
    required: ["cell_type", "metadata", "source", "outputs", "execution_count"],
    allowed: ["id", "cell_type", "metadata", "source", "outputs", "execution_count"],
  },
  markdown: {
    required: ["cell_type", "metadata", "source"],
    allowed: ["id", "cell_type", "metadata", "source", "attachments"],
  },
  raw: {
    required: ["cell_type", "metadata", "source"],
    allowed: ["id", "cell_type", "metadata", "source", "attachments"],
  },
};

const OUTPUT_KEYS: Record<string, string[]> = {
  execute_result: ["output_type", "execution_count", "data", "metadata"],
  display_data: ["output_type", "data", "metadata"],
  stream: ["output_type", "name", "text"],
  error: ["output_type", "ename", "evalue", "traceback"],
};

const CELL_ID = /^[a-zA-Z0-9-_]{1,64}$/;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isMultiline(v: unknown): boolean {
  return typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"));
}

function isCount(v: unknown): boolean {
  return v === null || (Number.isInteger(v) && (v as number) >= 0);
}

function checkKeys(obj: Json, required: string[], allowed: string[], where: string, problems: string[]): void {
  for (const key of required) {
    if (!(key in obj)) problems.push(`${where}: missing required key "${key}"`);
  }
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) problems.push(`${where}: key "${key}" is not allowed`);
  }
}

function checkMimeBundle(data: unknown, where: string, problems: string[]): void {
  if (!isObject(data)) {
    problems.push(`${where}: "data" must be an object`);
    return;
  }
  for (const [mime, value] of Object.entries(data)) {
    const isJsonMime = /^application\/(.*\+)?json$/.test(mime);
    if (!isJsonMime && !isMultiline(value)) problems.push(`${where}: data["${mime}"] must be a string or list of strings`);
  }
}

function checkOutput(out: unknown, where: string, problems: string[]): void {
  if (!isObject(out)) {
    problems.push(`${where}: output must be an object`);
    return;
  }
  const keys = OUTPUT_KEYS[String(out.output_type)];
  if (!keys) {
    problems.push(`${where}: unknown output_type ${JSON.stringify(out.output_type)}`);
    return;
  }
  checkKeys(out, keys, keys, where, problems);
  switch (out.output_type) {
    case "execute_result":
      if ("execution_count" in out && !isCount(out.execution_count)) problems.push(`${where}: execution_count must be a non-negative integer or null`);
      checkMimeBundle(out.data, where, problems);
      if (!isObject(out.metadata)) problems.push(`${where}: "metadata" must be an object`);
      break;
    case "display_data":
      checkMimeBundle(out.data, where, problems);
      if (!isObject(out.metadata)) problems.push(`${where}: "metadata" must be an object`);
      break;
    case "stream":
      if ("name" in out && typeof out.name !== "string") problems.push(`${where}: stream "name" must be a string`);
      if ("text" in out && !isMultiline(out.text)) problems.push(`${where}: stream "text" must be a string or list of strings`);
      break;
    case "error":
      if (typeof out.ename !== "string" || typeof out.evalue !== "string") {
        problems.push(`${where}: "ename" and "evalue" must be strings`);
      }
      if ("traceback" in out && (!Array.isArray(out.traceback) || !out.traceback.every((x) => typeof x === "string"))) {
        problems.push(`${where}: "traceback" must be a list of strings`);
      }
      break;
  }
}

/**
 * Checks a parsed JSON value against the nbformat 4 schema's structure.
 * @returns a list of problems, each naming the cell/output; empty when the notebook is valid
 */
export function validateNotebook(nb: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(nb)) return ["notebook must be a JSON object"];
  checkKeys(nb, ["metadata", "nbformat", "nbformat_minor", "cells"], ["metadata", "nbformat", "nbformat_minor", "cells"], "notebook", problems);
  if (nb.nbformat !== 4) problems.push(`notebook: nbformat must be 4 (found ${JSON.stringify(nb.nbformat)})`);
  const minor = nb.nbformat_minor;
  if (!Number.isInteger(minor) || (minor as number) < 0) problems.push("notebook: nbformat_minor must be a non-negative integer");
  if (!isObject(nb.metadata)) problems.push("notebook: metadata must be an object");
  if (!Array.isArray(nb.cells)) return [...problems, "notebook: cells must be a list"];
  const needsIds = typeof minor === "number" && minor >= 5;
  const seenIds = new Set<string>();
  nb.cells.forEach((cell, i) => {
    const where = `cell ${i + 1}`;
    if (!isObject(cell)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    const keys = CELL_KEYS[String(cell.cell_type)];
    if (!keys) {
      problems.push(`${where}: unknown cell_type ${JSON.stringify(cell.cell_type)}`);
      return;
    }
    checkKeys(cell, keys.required, needsIds ? keys.allowed : keys.allowed.filter((k) => k !== "id"), where, problems);
    if (needsIds) {
      if (typeof cell.id !== "string" || !CELL_ID.test(cell.id)) problems.push(`${where}: "id" must match ${CELL_ID.source}`);
      else if (seenIds.has(cell.id)) problems.push(`${where}: duplicate id "${cell.id}"`);
      else seenIds.add(cell.id);
    }
    if ("source" in cell && !isMultiline(cell.source)) problems.push(`${where}: "source" must be a string or list of strings`);
    if (!isObject(cell.metadata)) problems.push(`${where}: "metadata" must be an object`);
    if (cell.cell_type === "code") {
      if ("execution_count" in cell && !isCount(cell.execution_count)) problems.push(`${where}: execution_count must be a non-negative integer or null`);
      if (!("outputs" in cell)) return;
      if (!Array.isArray(cell.outputs)) problems.push(`${where}: "outputs" must be a list`);
      else cell.outputs.forEach((out, j) => checkOutput(out, `${where}, output ${j + 1}`, problems));
    }
  });
  return problems;
}
