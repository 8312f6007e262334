// Canonical JSON: object keys sorted by code unit, no whitespace, numbers in JavaScript's shortest
// round-trip form, undefined-valued keys omitted. The same value always gives the same bytes, which
// is what a content hash (the model version) needs. Non-finite numbers are refused instead of
// silently becoming null.

export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`${path} is not a finite number: ${value}`);
      return JSON.stringify(value);
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v, i) => write(v, `${path}[${i}]`)).join(',')}]`;
      if (ArrayBuffer.isView(value)) throw new TypeError(`${path} is a typed array; use a plain array`);
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k], `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`${path} cannot be written as JSON (${typeof value})`);
  }
}
