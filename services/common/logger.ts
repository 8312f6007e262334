// One structured logger (pino) for the whole product; each component asks for a child with its
// name. LOG_LEVEL sets the level. Never log personal data: log user ids only at debug level.
import pino from 'pino';

const root = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { pid: process.pid },
  timestamp: pino.stdTimeFunctions.isoTime,
});

export type Logger = pino.Logger;

export function logger(component: string): Logger {
  return root.child({ component });
}
