// The ops process (used by `npm start` and docker-compose): consumer lag exporter + live dashboard.
import { readOpsConfig } from './config';
import { startOpsService } from './service';
import { logger } from '../common/logger';
import { ConfigError } from '../common/errors';

const log = logger('ops');

async function main(): Promise<void> {
  const config = readOpsConfig();
  const service = await startOpsService(config);
  log.info(
    { adminPort: service.adminPort, dashboard: `http://127.0.0.1:${service.adminPort}/` },
    'ops started',
  );
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
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else log.fatal({ err }, 'ops failed to start');
  process.exit(1);
});
