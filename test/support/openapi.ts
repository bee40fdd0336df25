/** Just enough of an OpenAPI 3.1 document to walk operations and their body schemas. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  enum?: unknown[];
}

export interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}

export interface Operation {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly body: JsonSchema | null;
  readonly security: unknown[] | undefined;
  readonly parameters: readonly Parameter[];
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
        security?: unknown[];
        parameters?: Parameter[];
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

export function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split('/').at(-1) ?? '';
  const target = doc.components?.schemas?.[name];
  if (!target) throw new Error(`unresolved ${schema.$ref}`);
  return resolve(doc, target);
}

export function operations(doc: OpenApiDocument): Operation[] {
  const result: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      result.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId ?? `${method} ${path}`,
        body: schema ? resolve(doc, schema) : null,
        security: op.security,
        parameters: op.parameters ?? [],
      });
    }
  }
  return result;
}

/** The non-null branch of a nullable field (`anyOf: [X, {type: null}]`). */
export function nonNull(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  const resolved = resolve(doc, schema);
  if (resolved.anyOf) {
    const branch = resolved.anyOf.map((s) => resolve(doc, s)).find((s) => s.type !== 'null');
    return branch ?? resolved;
  }
  return resolved;
}

/** A value of the wrong JSON type for a field of this schema. */
export function wrongTypeValue(schema: JsonSchema): unknown {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not a number';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'not a list';
    case 'object':
      return 'not an object';
    case undefined:
    default:
      return { unexpected: 'object' };
  }
}
