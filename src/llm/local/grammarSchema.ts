/**
 * node-llama-cpp turns a subset of JSON Schema into a grammar. zod's JSON Schema carries more
 * (`$schema`, `pattern`, `format`, `default`…); this keeps only the keywords the grammar builder
 * understands, so an unsupported one can never make it fail or mean something else.
 */
const KEPT = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'oneOf',
  'anyOf',
  'minLength',
  'maxLength',
  'description',
  '$defs',
  '$ref',
]);

/** Keys whose value is a map of name → schema, not a schema itself. */
const SCHEMA_MAPS = new Set(['properties', '$defs']);

export function sanitizeJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(sanitizeJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (!KEPT.has(key)) continue;
    if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, sanitizeJsonSchema(v)]));
    } else if (key === 'enum' || key === 'const' || key === 'required') out[key] = value;
    else out[key] = sanitizeJsonSchema(value);
  }
  return out;
}
