/**
 * Typed field access for JSON descriptors (the data-set descriptor and its side-feature entries): every getter
 * checks one field's type and every error is a DataFormatError naming the descriptor file and the field path.
 */
import { DataFormatError } from "./data-format-error";
import type { ConfidenceConfig } from "./implicit-confidence";
import type { ColumnRef } from "./load-delimited";
import type { RatingScale } from "./ratings";
import type { DescriptorColumns } from "./dataset-descriptor";

type Json = Record<string, unknown>;

/** Reads the fields of one JSON object `json` of descriptor file `source`; `prefix` is the object's field path. */
export class DescriptorReader {
  private readonly obj: Json;
  private readonly used = new Set<string>();

  /** Wraps `json`, which must be a JSON object. */
  constructor(json: unknown, readonly source: string, private readonly prefix = "") {
    if (json === null || typeof json !== "object" || Array.isArray(json)) {
      throw new DataFormatError(source, undefined, `${prefix ? `field "${prefix}"` : "data-set descriptor"} must be a JSON object`);
    }
    this.obj = json as Json;
  }

  /** Throws a DataFormatError naming the file and the field `field` (relative to this object). */
  fail(field: string, message: string): never {
    throw new DataFormatError(this.source, undefined, `field "${this.prefix}${field}" ${message}`);
  }

  /** The raw value of `field` (marks it as known). */
  raw(field: string): unknown {
    this.used.add(field);
    return this.obj[field];
  }

  /** The object itself (keys in file order), for maps such as side-feature columns. */
  rawKeys(): Readonly<Record<string, unknown>> {
    return this.obj;
  }

  /** A string field; `required` makes a missing one an error. */
  string(field: string, required = false): string | undefined {
    const v = this.raw(field);
    if (v === undefined) return required ? this.fail(field, "is required") : undefined;
    if (typeof v !== "string") this.fail(field, `must be a string, got ${JSON.stringify(v)}`);
    return v;
  }

  /** A finite number field. */
  number(field: string): number | undefined {
    const v = this.raw(field);
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v)) this.fail(field, `must be a finite number, got ${JSON.stringify(v)}`);
    return v;
  }

  /** A boolean field. */
  boolean(field: string): boolean | undefined {
    const v = this.raw(field);
    if (v === undefined) return undefined;
    if (typeof v !== "boolean") this.fail(field, `must be true or false, got ${JSON.stringify(v)}`);
    return v;
  }

  /** A string field restricted to `allowed`. */
  oneOf<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const v = this.raw(field);
    if (v === undefined) return undefined;
    if (typeof v !== "string" || !allowed.includes(v as T)) this.fail(field, `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${JSON.stringify(v)}`);
    return v as T;
  }

  /** A column reference: a 0-based position or a header name. */
  column(field: string): ColumnRef | undefined {
    const v = this.raw(field);
    if (v === undefined) return undefined;
    if (typeof v === "number" && Number.isInteger(v) && v >= 0) return v;
    if (typeof v === "string" && v.length > 0) return v;
    return this.fail(field, `must be a 0-based column position or a header name, got ${JSON.stringify(v)}`);
  }

  /** A nested object field, as a reader of its own (undefined when absent). */
  object(field: string): DescriptorReader | undefined {
    const v = this.raw(field);
    if (v === undefined) return undefined;
    if (v === null || typeof v !== "object" || Array.isArray(v)) this.fail(field, `must be a JSON object, got ${JSON.stringify(v)}`);
    return new DescriptorReader(v, this.source, `${this.prefix}${field}.`);
  }

  /** The `columns` object for `layout` (long: user, item and one of rating or count; wide: user only). */
  columns(layout: "long" | "wide"): DescriptorColumns {
    const c = this.object("columns");
    if (!c) {
      if (layout === "wide") return { user: 0 };
      return this.fail("columns", `is required, e.g. { "user": "userId", "item": "itemId", "rating": "rating" }`);
    }
    const cols: DescriptorColumns = { user: c.column("user") ?? (layout === "wide" ? 0 : c.fail("user", "is required")) };
    const item = c.column("item");
    const rating = c.column("rating");
    const count = c.column("count");
    const timestamp = c.column("timestamp");
    if (layout === "wide") {
      for (const [f, v] of [["item", item], ["rating", rating], ["count", count], ["timestamp", timestamp]] as const) {
        if (v !== undefined) c.fail(f, `does not apply to "layout": "wide" (every column but the user's is an item)`);
      }
    } else {
      if (item === undefined) c.fail("item", "is required");
      if (rating === undefined && count === undefined) c.fail("rating", `is required (or "count" for implicit counts such as plays)`);
      if (rating !== undefined && count !== undefined) c.fail("count", `and "rating" cannot both be given`);
    }
    c.rejectUnknown();
    return { ...cols, item, rating, count, timestamp };
  }

  /** A rating scale `{ "min", "max", "step"? }`. */
  scale(field: string): RatingScale | undefined {
    const s = this.object(field);
    if (!s) return undefined;
    const min = s.number("min") ?? s.fail("min", "is required");
    const max = s.number("max") ?? s.fail("max", "is required");
    const step = s.number("step");
    if (min > max) s.fail("max", `must be >= min (${min}), got ${max}`);
    if (step !== undefined && !(step > 0)) s.fail("step", `must be > 0, got ${step}`);
    s.rejectUnknown();
    return step === undefined ? { min, max } : { min, max, step };
  }

  /** A confidence `{ "kind": "binary" | "linear" | "log", "alpha", "epsilon" }` (epsilon default 1 for log). */
  confidence(field: string): ConfidenceConfig | undefined {
    const c = this.object(field);
    if (!c) return undefined;
    const scheme = c.oneOf("kind", ["binary", "linear", "log"] as const) ?? c.fail("kind", `is required ("linear" or "log")`);
    const alpha = c.number("alpha");
    const epsilon = c.number("epsilon");
    c.rejectUnknown();
    if (scheme === "binary") return { scheme };
    if (alpha === undefined || !(alpha > 0)) c.fail("alpha", `must be a number > 0 for the "${scheme}" confidence, got ${JSON.stringify(alpha)}`);
    if (scheme === "linear") return { scheme, alpha };
    if (epsilon !== undefined && !(epsilon > 0)) c.fail("epsilon", `must be > 0, got ${epsilon}`);
    return { scheme, alpha, epsilon: epsilon ?? 1 };
  }

  /** Throws naming the first field that no getter asked for (a typo such as "delimeter"). */
  rejectUnknown(): void {
    for (const k of Object.keys(this.obj)) {
      if (!this.used.has(k)) this.fail(k, "is not a descriptor field (misspelt?)");
    }
  }
}
