/**
 * Side-feature files of the reader's own data (a descriptor's `userFeatures` / `itemFeatures`): a delimited file
 * with a header, one line per user or item, an id column and feature columns that are categorical, numeric or
 * multi-hot (labels joined by a separator, e.g. "Comedy|Drama"). Rows are aligned to the ratings' dense ids;
 * ids without a line get missing values.
 *
 * ```json
 * "itemFeatures": { "path": "artists.csv", "id": "artist",
 *   "columns": { "genre": "categorical", "year": "numeric", "tags": { "kind": "multi-hot", "separator": "|" } } }
 * ```
 */
import * as path from "path";
import { DataFormatError } from "./data-format-error";
import type { DescriptorReader } from "./descriptor-fields";
import { alignToIds, categoricalColumn, featureTable, multiHotColumn, numericColumn } from "./feature-columns";
import type { Feature, FeatureTable } from "./features";
import { isBlank, splitFields } from "./parse-fields";
import { forEachLine, type LineEncoding } from "./read-lines";

/** How one feature column is read: its kind, and for multi-hot the label separator (default "|"). */
export interface SideFeatureColumn {
  /** "categorical" (labels), "numeric" (numbers; empty is missing) or "multi-hot" (label lists). */
  readonly kind: "categorical" | "numeric" | "multi-hot";
  /** Separator of the labels of a multi-hot cell; default "|". */
  readonly separator?: string;
}

/** A side-feature file as given in a descriptor (path resolved). */
export interface SideFeaturesSpec {
  /** Absolute path of the file. */
  readonly path: string;
  /** Field delimiter; default ",". */
  readonly delimiter: string;
  /** Header name of the id column (matching the ratings' user or item ids). */
  readonly id: string;
  /** Feature columns by header name; absent: every other column, numeric if all its values are numbers, else categorical. */
  readonly columns?: Readonly<Record<string, SideFeatureColumn>>;
}

/** Reads field `field` of descriptor reader `r` as a SideFeaturesSpec with paths relative to `dir`. */
export function sideFeaturesSpec(r: DescriptorReader, field: string, dir: string): SideFeaturesSpec | undefined {
  const s = r.object(field);
  if (!s) return undefined;
  const file = path.resolve(dir, s.string("path", true)!);
  const delimiter = s.string("delimiter") ?? ",";
  const id = s.string("id", true)!;
  const c = s.object("columns");
  let columns: Record<string, SideFeatureColumn> | undefined;
  if (c) {
    columns = {};
    for (const name of Object.keys(c.rawKeys())) {
      const v = c.raw(name);
      if (v === "categorical" || v === "numeric" || v === "multi-hot") columns[name] = { kind: v };
      else {
        const o = c.object(name)!;
        const kind = o.oneOf("kind", ["categorical", "numeric", "multi-hot"] as const) ?? o.fail("kind", "is required");
        columns[name] = { kind, separator: o.string("separator") };
        o.rejectUnknown();
      }
    }
  }
  s.rejectUnknown();
  return { path: file, delimiter, id, columns };
}

/** Loads the features of `spec` for the dense ids `ids` (user or item ids of the ratings); `role` is "user" or "item". */
export async function loadSideFeatures(spec: SideFeaturesSpec, ids: readonly string[], role: string, encoding?: LineEncoding): Promise<FeatureTable> {
  const file = spec.path;
  let header: string[] | null = null;
  let idCol = -1;
  const byId = new Map<string, string[]>();
  await forEachLine(
    file,
    (line, ln) => {
      if (isBlank(line)) return;
      const f = splitFields(line, spec.delimiter, file, ln).map((x) => x.trim());
      if (header === null) {
        header = f;
        idCol = f.indexOf(spec.id);
        if (idCol < 0) throw new DataFormatError(file, ln, `id column "${spec.id}" not in the header; columns are ${f.map((h) => `"${h}"`).join(", ")}`);
        return;
      }
      if (f.length !== header.length) throw new DataFormatError(file, ln, `expected ${header.length} fields (as in the header) but found ${f.length}`);
      if (byId.has(f[idCol])) throw new DataFormatError(file, ln, `${role} ${JSON.stringify(f[idCol])} appears twice`);
      byId.set(f[idCol], f);
    },
    { encoding },
  );
  if (header === null) throw new DataFormatError(file, undefined, "side-feature file is empty (it needs a header line)");
  const names: string[] = header;
  const wanted = spec.columns ?? Object.fromEntries(names.filter((h, k) => k !== idCol).map((h) => [h, { kind: "auto" }]));
  const rows = alignToIds(ids, byId);
  const out: Feature[] = [];
  for (const [name, col] of Object.entries(wanted) as [string, { kind: string; separator?: string }][]) {
    const k = names.indexOf(name);
    if (k < 0) throw new DataFormatError(file, undefined, `feature column "${name}" not in the header; columns are ${names.map((h) => `"${h}"`).join(", ")}`);
    const cells = rows.map((r) => (r === undefined || r[k] === "" ? undefined : r[k]));
    const numeric = cells.every((v) => v === undefined || Number.isFinite(Number(v)));
    const kind = col.kind === "auto" ? (numeric ? "numeric" : "categorical") : col.kind;
    if (kind === "numeric") {
      const bad = cells.find((v) => v !== undefined && !Number.isFinite(Number(v)));
      if (bad !== undefined) throw new DataFormatError(file, undefined, `feature column "${name}" is numeric but holds ${JSON.stringify(bad)}`);
      out.push(numericColumn(name, cells.map((v) => (v === undefined ? NaN : Number(v)))));
    } else if (kind === "multi-hot") {
      const sep = col.separator ?? "|";
      out.push(multiHotColumn(name, cells.map((v) => (v === undefined ? undefined : v.split(sep).map((x) => x.trim()).filter((x) => x)))));
    } else {
      out.push(categoricalColumn(name, cells));
    }
  }
  return featureTable(ids.length, out);
}
