// Reads configuration from environment variables through a zod schema, once, at start-up.
// A bad value stops the process with a message that names the variable (ConfigError).
import { z } from 'zod';
import { ConfigError } from '../errors';

export function readEnv<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  // Empty strings mean "unset", so `FOO= npm start` falls back to the default.
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const setting = issue.path.join('.') || '(environment)';
    const given = cleaned[setting];
    throw new ConfigError(setting, `${issue.message}${given === undefined ? '' : ` (got "${given}")`}`);
  }
  return parsed.data;
}

/** Building blocks for service schemas. */
export const envInt = (def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(def);

export const envList = (def: string) =>
  z
    .string()
    .default(def)
    .transform((s) => s.split(',').map((x) => x.trim()))
    .pipe(z.array(z.string().min(1)).min(1));

export const envBrokers = (def: string) =>
  envList(def).pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port[,host:port...]')));

export const envTimeZone = (def: string) =>
  z
    .string()
    .default(def)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'expected an IANA time zone such as Asia/Shanghai');
