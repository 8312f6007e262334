// Parsing Canonical Form, written from the Avro specification ("Parsing Canonical Form for
// Schemas") rather than taken from avsc: its fingerprint is the schema id on the wire, so it must
// match what Java, Python or C producers compute, and libraries disagree at the edges (logical
// types above all). test/vectors/avro-fingerprints.json holds Java's answers for comparison.
//
// The transformations, in the specification's words:
//   PRIMITIVES  {"type":"int"} becomes "int"; after STRIP a logical type is such an object too, so
//               {"type":"long","logicalType":"timestamp-millis"} becomes "long"
//   FULLNAMES   names become fullnames and "namespace" disappears
//   STRIP       only type, name, fields, symbols, items, values and size survive
//   ORDER       name, type, fields, symbols, items, values, size
//   STRINGS     no escapes beyond what JSON requires (names are ASCII, so JSON.stringify suffices)
//   INTEGERS    no leading zeros or fractions
//   WHITESPACE  none outside strings

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

type JsonObject = { readonly [key: string]: unknown };

/** The Parsing Canonical Form of a schema given as parsed JSON (what JSON.parse of an .avsc returns). */
export function parsingCanonicalForm(schema: unknown): string {
  return writeSchema(schema, '', new Set());
}

// `namespace` is the enclosing namespace ('' = none); `defined` holds the fullnames seen so far,
// which later references may use.
function writeSchema(schema: unknown, namespace: string, defined: Set<string>): string {
  if (typeof schema === 'string') {
    return PRIMITIVES.has(schema) ? quote(schema) : quote(resolveReference(schema, namespace, defined));
  }
  if (Array.isArray(schema)) {
    return `[${schema.map((branch) => writeSchema(branch, namespace, defined)).join(',')}]`;
  }
  if (!isObject(schema)) throw new Error(`not an Avro schema: ${JSON.stringify(schema)}`);

  const type = schema.type;
  if (typeof type !== 'string') throw new Error(`schema "type" must be a string: ${JSON.stringify(schema)}`);
  if (PRIMITIVES.has(type)) return quote(type);
  switch (type) {
    case 'record':
    case 'error': {
      const name = defineName(schema, namespace, defined);
      const fields = requireArray(schema, 'fields').map((field) => {
        if (!isObject(field) || typeof field.name !== 'string') {
          throw new Error(`record ${name} has a field without a name`);
        }
        return `{"name":${quote(field.name)},"type":${writeSchema(field.type, namespaceOf(name), defined)}}`;
      });
      return `{"name":${quote(name)},"type":${quote(type)},"fields":[${fields.join(',')}]}`;
    }
    case 'enum': {
      const name = defineName(schema, namespace, defined);
      const symbols = requireArray(schema, 'symbols').map((symbol) => {
        if (typeof symbol !== 'string') throw new Error(`enum ${name} has a symbol that is not a string`);
        return quote(symbol);
      });
      return `{"name":${quote(name)},"type":"enum","symbols":[${symbols.join(',')}]}`;
    }
    case 'fixed': {
      const name = defineName(schema, namespace, defined);
      const size = schema.size;
      if (!Number.isSafeInteger(size) || (size as number) < 0)
        throw new Error(`fixed ${name} has a bad size`);
      return `{"name":${quote(name)},"type":"fixed","size":${String(size)}}`;
    }
    case 'array':
      return `{"type":"array","items":${writeSchema(schema.items, namespace, defined)}}`;
    case 'map':
      return `{"type":"map","values":${writeSchema(schema.values, namespace, defined)}}`;
    default:
      // {"type": "some.Named"} is a reference spelled as an object.
      return quote(resolveReference(type, namespace, defined));
  }
}

function defineName(schema: JsonObject, enclosing: string, defined: Set<string>): string {
  const { name, namespace } = schema;
  if (typeof name !== 'string' || name === '') throw new Error(`named type without a name`);
  let fullName: string;
  if (name.includes('.')) fullName = name;
  else {
    const space = typeof namespace === 'string' ? namespace : enclosing;
    fullName = space === '' ? name : `${space}.${name}`;
  }
  if (defined.has(fullName)) throw new Error(`type ${fullName} is defined twice`);
  // Added before the body is written so that a recursive record can refer to itself.
  defined.add(fullName);
  return fullName;
}

// An unqualified reference means the enclosing namespace first and the null namespace second,
// as Java's Schema.Parser resolves it.
function resolveReference(name: string, namespace: string, defined: Set<string>): string {
  const candidates = name.includes('.') || namespace === '' ? [name] : [`${namespace}.${name}`, name];
  const found = candidates.find((candidate) => defined.has(candidate));
  if (found === undefined) throw new Error(`unknown type ${name}`);
  return found;
}

function namespaceOf(fullName: string): string {
  const dot = fullName.lastIndexOf('.');
  return dot < 0 ? '' : fullName.slice(0, dot);
}

function requireArray(schema: JsonObject, key: string): unknown[] {
  const value = schema[key];
  if (!Array.isArray(value)) throw new Error(`${String(schema.type)} schema needs a "${key}" array`);
  return value;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quote(text: string): string {
  return JSON.stringify(text);
}
