/**
 * fast-check arbitraries for HTTP requests to one route: bodies, queries and path parameters
 * generated from the route's JSON Schemas (as the OpenAPI document states them, made from the
 * handlers' zod schemas), mixed with values the world knows (so requests reach past validation)
 * and with hostile variants: wrong types, huge strings, lone surrogates, bidi and zero-width
 * characters, prototype keys, deep nesting, garbage JSON, wrong content types, bad tokens.
 */
import fc from 'fast-check';

export type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

/** Values by field name (`ids[]`: the items of `ids`) that the world knows, to get past validation; for string and integer fields. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/** Characters that break naive code: bidi overrides, zero-width, BOM, NUL, line separators, combining marks. */
const TRICKY_CHARS = [
  '\u202e',
  '\u202a',
  '\u2066',
  '\u2069',
  '\u200b',
  '\u200d',
  '\u200f',
  '\ufeff',
  '\u0000',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u061c',
  '\u0301',
  '\u00a0',
  '\u3000',
  '\r',
  '\n',
  '\t',
  '/',
  '\\',
  '.',
  '%',
  '"',
  "'",
  '<',
  '>',
  '&',
  '{',
  '}',
  '$',
  '`',
  'İ',
  'ß',
  'ﬁ',
  '😀',
  '👨‍👩‍👧',
  '\ud800',
  '\udfff',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '.',
    '..',
    '../..',
    '/',
    '//',
    '\\',
    '%2e%2e%2f',
    '\ud800',
    'a\udc00b',
    'invoice\u202efdp.exe',
    'zero\u200bwidth',
    '\ufeffbom',
    'cafe\u0301.txt',
    'café.txt',
    'CAFÉ.TXT',
    'nul\u0000byte',
    'line\r\nX-Injected: 1',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '${jndi:ldap://x}',
    '{{7*7}}',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    'null',
    'undefined',
    'true',
    '[]',
    '{}',
    'Bearer',
    'users/owner-z9y8x7/secret.txt',
    '\u0130stanbul',
    'ǅ',
    '\u2028',
  ),
  fc.string({ unit: fc.constantFrom(...TRICKY_CHARS), maxLength: 24 }),
  fc.string({
    unit: fc.oneof({ weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }, loneSurrogate),
    maxLength: 40,
  }),
  // Huge: past every length limit, in one- to four-byte characters.
  fc
    .tuple(fc.integer({ min: 300, max: 300_000 }), fc.constantFrom('a', 'é', '\u202e', '😀', '\ud800', '/'))
    .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length))),
);

const hostileNumber = fc.constantFrom(
  0,
  -1,
  1.5,
  -0.5,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e308,
  -1e308,
  Number.MIN_VALUE,
  1001,
  10_001,
);

/** An object with a prototype key as an own property (as JSON.parse makes one). */
const prototypeObject = fc
  .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', '__defineGetter__', 'toJSON', 'valueOf'), fc.jsonValue({ maxDepth: 1 }))
  .map(([key, value]) => JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify({ polluted: value, isAdmin: true })}}`) as unknown);

/** Arrays nested `depth` deep (built without recursion). */
const deeplyNested = fc.integer({ min: 20, max: 2000 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: prototypeObject },
  { weight: 1, arbitrary: deeplyNested },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
);

const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', ' ', 'a.b', '\u202e'),
  fc.string({ maxLength: 8 }),
);

function integerArb(schema: JsonSchema): fc.Arbitrary<number> {
  const min = Math.max(schema.minimum ?? -(2 ** 31), Number.MIN_SAFE_INTEGER);
  const max = Math.min(schema.maximum ?? 2 ** 31, Number.MAX_SAFE_INTEGER);
  // Bounds and their neighbours, where off-by-one mistakes live.
  const edges = [min, max, min + 1, max - 1].filter((n) => n >= min && n <= max);
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min, max: Math.min(max, min + 100_000) }) },
    { weight: 1, arbitrary: fc.constantFrom(...edges) },
  );
}

function stringArb(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 40, 40));
  if (schema.pattern) {
    const fits = (s: string) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity);
    return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  }
  const unit = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_ .') },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.constantFrom(...TRICKY_CHARS) },
  );
  const edges = [min, max]
    .map((length) => 'x'.repeat(length))
    .concat(schema.maxLength !== undefined ? ['x'.repeat(schema.maxLength + 1)] : []);
  return fc.oneof(
    { weight: 5, arbitrary: fc.string({ unit, minLength: min, maxLength: max }) },
    { weight: 1, arbitrary: fc.constantFrom(...edges) },
  );
}

/** Values the schema accepts (mostly: refinements beyond JSON Schema, such as path rules, are left to chance). */
export function validValue(schema: JsonSchema, hints: Hints, name?: string): fc.Arbitrary<unknown> {
  const scalar = [schema.type].flat().some((type) => type === 'string' || type === 'integer');
  const hint = name === undefined || !scalar ? undefined : hints[name];
  const fromSchema = valueOfSchema(schema, hints, name);
  return hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: fromSchema }) : fromSchema;
}

function valueOfSchema(schema: JsonSchema, hints: Hints, name?: string): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map((choice) => valueOfSchema(choice, hints, name)));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => valueOfSchema({ ...schema, type }, hints, name)));
  switch (schema.type) {
    case 'string':
      return stringArb(schema);
    case 'integer':
      return integerArb(schema);
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = validValue(schema.items ?? {}, hints, name === undefined ? undefined : `${name}[]`);
      const minLength = schema.minItems ?? 0;
      const normal = fc.array(items, { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 6, 6)) });
      if (schema.maxItems === undefined) return normal;
      // At and just past the limit, by repeating one item.
      const limit = schema.maxItems;
      return fc.oneof(
        { weight: 8, arbitrary: normal },
        {
          weight: 1,
          // Copies, not one shared object: a hostile change made inside one item later must stay in that item
          // (structuredClone keeps shared references shared, and a 300,000-character string in 1,001 items
          // outgrows what JSON.stringify can return).
          arbitrary: fc
            .tuple(items, fc.constantFrom(limit, limit + 1))
            .map(([item, length]) => Array.from({ length }, () => structuredClone(item))),
        },
      );
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const shape = Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, validValue(property, hints, key)]));
      return fc.record(shape, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * Walks into a value by `picks` (a child per step), then changes what it finds there: replaces it
 * with a hostile value, drops a key, or adds an unknown or prototype key.
 */
function mutate(value: unknown, picks: number[], op: number, hostile: unknown, key: string): unknown {
  const copy = structuredClone(value);
  let parent: Record<string, unknown> | unknown[] | undefined;
  let slot: string | number | undefined;
  let node: unknown = copy;
  for (const pick of picks) {
    if (!node || typeof node !== 'object') break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    parent = node as Record<string, unknown>;
    slot = keys[pick % keys.length]!;
    node = (node as Record<string, unknown>)[slot];
  }
  const container = node && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>) : undefined;
  switch (op % 3) {
    case 0:
      if (parent === undefined || slot === undefined) return hostile;
      (parent as Record<string, unknown>)[slot] = hostile;
      return copy;
    case 1:
      if (parent !== undefined && slot !== undefined && !Array.isArray(parent)) delete parent[slot];
      else if (container) delete container[Object.keys(container)[0] ?? ''];
      return copy;
    default:
      if (!container) return hostile;
      // defineProperty: a plain assignment of "__proto__" would set the prototype instead of a key.
      Object.defineProperty(container, key, { value: hostile, enumerable: true, configurable: true, writable: true });
      return copy;
  }
}

/** Mostly valid values, valid values with one hostile change somewhere, and wholly hostile ones. */
export function fuzzedValue(schema: JsonSchema, hints: Hints): fc.Arbitrary<unknown> {
  const valid = validValue(schema, hints);
  return fc.oneof(
    { weight: 6, arbitrary: valid },
    {
      weight: 3,
      arbitrary: fc
        .tuple(valid, fc.array(fc.nat(), { maxLength: 4 }), fc.nat(), hostileValue, hostileKey)
        .map(([value, picks, op, hostile, key]) => mutate(value, picks, op, hostile, key)),
    },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** Bodies that are not JSON of any value: broken, empty, nested past any parser's stack, or binary. */
export const garbageBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', 'null', '[]', '"text"', '0', '{', '{"a":', '{"a":1,"a":2}', '\ufeff{}', '{}garbage', "{'a':1}", 'NaN', '\u0000'),
  fc.constantFrom('{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"polluted":true}}}'),
  fc.integer({ min: 100, max: 200_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 100, max: 100_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

export const contentTypes = fc.oneof(
  { weight: 20, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      null,
      'text/plain',
      'application/json; charset=utf-8',
      'application/json; charset=utf-16',
      'APPLICATION/JSON',
      'application/vnd.api+json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'text/html',
      'application/json\u0000',
    ),
  },
);

/** A query string's values as API Gateway passes them: strings (repeated names comma-joined). */
export function asQueryValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(asQueryValue).join(',');
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

export const hostileHeaderValue = fc.oneof(
  hostileString.filter((s) => s.length < 10_000),
  fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'bearer  x.y', 'Bearer a.b.c'),
);
