import fc, { type Arbitrary } from "fast-check";
import { z } from "zod";

/**
 * Inputs for the fuzz suite, derived from each procedure's zod schema through its JSON schema
 * (`z.toJSONSchema`: zod-fast-check supports zod 3 only). Values mostly follow the schema, so
 * calls get past validation into the services and the database; any string may instead be a
 * hostile one, and any input may be replaced whole by a hostile value.
 */

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

const NESTED_YAML = `${"- ".repeat(1) + "[".repeat(5_000)}${"]".repeat(5_000)}\n`;

/** Strings that broke, or could break, a server: NUL, lone surrogates, huge, nested, look-alikes. */
const HOSTILE_STRINGS: readonly string[] = [
  "\u0000",
  "título\u0000oculto",
  "\ud800",
  "a\udfffb",
  "\udc00\ud800",
  "x".repeat(70_000),
  "[".repeat(10_000),
  "{".repeat(10_000),
  NESTED_YAML,
  "a: &a [*a, *a, *a, *a, *a, *a, *a, *a]\nb: [*a, *a, *a, *a, *a, *a, *a, *a]\n",
  '=HYPERLINK("http://x.example","y")',
  "%_\\'\";--",
  "\u202e\ufeff\u200b",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀",
  "9".repeat(400),
  "-1",
  "1e309",
  "NaN",
  "0000-00-00",
  "294277-01-01T00:00:00Z",
  "__proto__",
  "constructor",
  "00000000-0000-0000-0000-000000000000",
  "00000000-0000-0000-0000-00000000000G",
  "W3siYSI6MX0sIngiXQ", // base64url of [{"a":1},"x"]: a cursor of the right shape, wrong contents
  "WyJhIiwieCJd", // ["a","x"]
  "WyJcdTAwMDAiLCIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAiXQ", // ["\u0000", nil uuid]
];

const hostileString: Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: "binary", maxLength: 20 }), // every code unit, lone surrogates included
  fc.string({ maxLength: 8 }).map((s) => `${s}\u0000${s}`),
);

/** Any JSON value, deep nesting and hostile strings included. */
const hostileValue: Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom<unknown>(null, true, -1, 0, 1e308, -1e308, 2 ** 53, 0.5, [], {}),
  fc.constant(nested(2_000)),
  fc.jsonValue({ maxDepth: 3 }),
);

function nested(depth: number): unknown {
  let value: unknown = "x";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

export interface Pools {
  /** Real ids from the seeded database, so that generated inputs name existing rows. */
  uuids: readonly string[];
}

/** An arbitrary for a procedure's input: the JSON schemas of its parsers, merged. */
export function inputArbitrary(parsers: readonly unknown[], pools: Pools): Arbitrary<unknown> {
  if (parsers.length === 0) return fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, hostileValue);
  const schemas = parsers.map(
    (parser) => z.toJSONSchema(parser as z.ZodType, { io: "input", unrepresentable: "any" }) as JsonSchema,
  );
  const merged = schemas.length === 1 ? schemas[0]! : mergeObjects(schemas);
  const defs = Object.assign({}, ...schemas.map((s) => s.$defs ?? {})) as Record<string, JsonSchema>;
  const scope = { pools, defs, root: merged, depth: 0 };
  return fc.oneof(
    // Valid inputs reach the services and the database; the others probe each string field.
    { weight: 3, arbitrary: fromSchema(merged, { ...scope, hostile: false }) },
    { weight: 3, arbitrary: fromSchema(merged, { ...scope, hostile: true }) },
    { weight: 1, arbitrary: hostileValue },
  );
}

function mergeObjects(schemas: JsonSchema[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const schema of schemas) {
    Object.assign(properties, schema.properties ?? {});
    required.push(...(schema.required ?? []));
  }
  return { type: "object", properties, required };
}

interface Scope {
  pools: Pools;
  defs: Record<string, JsonSchema>;
  root: JsonSchema;
  depth: number;
  /** Whether any string may be a hostile one. */
  hostile: boolean;
}

function fromSchema(schema: JsonSchema, scope: Scope): Arbitrary<unknown> {
  const inner = { ...scope, depth: scope.depth + 1 };
  if (scope.depth > 8) return fc.constant(null);
  if (schema.$ref) {
    const target = schema.$ref === "#" ? scope.root : scope.defs[schema.$ref.split("/").pop()!];
    return target ? fromSchema(target, inner) : hostileValue;
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => fromSchema(s, inner)));
  if (schema.allOf)
    return fromSchema(schema.allOf.length === 1 ? schema.allOf[0]! : mergeObjects(schema.allOf), inner);
  if (Array.isArray(schema.type))
    return fc.oneof(...schema.type.map((type) => fromSchema({ ...schema, type }, inner)));
  switch (schema.type) {
    case "string":
      if (!scope.hostile) return validString(schema, scope.pools);
      return fc.oneof(
        { weight: 2, arbitrary: validString(schema, scope.pools) },
        { weight: 1, arbitrary: hostileString },
      );
    case "integer":
    case "number":
      return numberOf(schema);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((s) => fromSchema(s, inner)));
      return fc.array(schema.items ? fromSchema(schema.items, inner) : hostileValue, {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, Math.max(schema.minItems ?? 0, 4)),
      });
    case "object":
      return objectOf(schema, inner);
    default:
      return hostileValue; // unrepresentable in JSON schema: anything goes
  }
}

function objectOf(schema: JsonSchema, scope: Scope): Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, fromSchema(s, scope)]));
  const record = fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
  if (typeof schema.additionalProperties !== "object") return record;
  const values = fromSchema(schema.additionalProperties, scope);
  return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), values, { maxKeys: 3 });
}

function validString(schema: JsonSchema, pools: Pools): Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 60, Math.max(minLength, 60));
  switch (schema.format) {
    case "uuid":
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pools.uuids) }, fc.uuid());
    case "email":
      return fc.oneof(fc.emailAddress(), fc.constantFrom("admin@laserena.example", "nadie@example.org"));
    case "uri":
    case "url":
      return fc.webUrl().filter((url) => url.length <= maxLength);
    case "date":
      return fc
        .date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case "date-time":
      return fc
        .date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
        .map((d) => d.toISOString());
  }
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    const fits = (s: string) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity);
    // stringMatching makes short strings: filtering them to a minimum length (a 43-character
    // token) would reject nearly every one and spin forever. Repeating a match to the length
    // keeps most patterns matched (a character class, `^[…]+$`); the filter drops the others.
    return fc
      .stringMatching(pattern)
      .map((s) => (s.length > 0 && s.length < minLength ? s.repeat(Math.ceil(minLength / s.length)) : s))
      .map((s) => (schema.maxLength !== undefined ? s.slice(0, schema.maxLength) : s))
      .filter((s) => fits(s) && pattern.test(s));
  }
  return fc.string({ minLength, maxLength, unit: "grapheme" });
}

function numberOf(schema: JsonSchema): Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1e6);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1e6);
  const edge = fc.constantFrom(min, max, 0, -1, 2 ** 31, 1e15).filter((n) => n >= min && n <= max);
  if (schema.type === "integer") {
    const lo = Math.max(min, Number.MIN_SAFE_INTEGER);
    const hi = Math.min(max, Number.MAX_SAFE_INTEGER);
    return fc.oneof(fc.integer({ min: Math.max(lo, -(2 ** 31)), max: Math.min(hi, 2 ** 31 - 1) }), edge);
  }
  return fc.oneof(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), edge);
}
