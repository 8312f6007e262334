// The process shell every long-running service shares: start it, log where it runs, stop it
// cleanly on SIGTERM/SIGINT (finish in-flight work, commit, disconnect), and exit non-zero with a
// message naming the setting when the configuration is bad.
import { logger } from './logger';
import { ConfigError } from './errors';

export interface Stoppable {
  stop(): Promise<void>;
}

export function runService<S extends Stoppable>(
  name: string,
  start: () => Promise<S>,
  describe: (service: S) => Record<string, unknown>,
): void {
  const log = logger(name);
  start()
    .then((service) => {
      log.info(describe(service), `${name} started`);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, 'shutting down');
        service
          .stop()
          .then(() => process.exit(0))
          .catch((err) => {
            log.error({ err }, 'shutdown failed');
            process.exit(1);
          });
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    })
    .catch((err) => {
      if (err instanceof ConfigError) console.error(err.message);
      else log.fatal({ err }, `${name} failed to start`);
      process.exit(1);
    });
}
