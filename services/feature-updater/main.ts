// The feature-updater process: purchases -> rolling features in Redis -> features.changed.
// Configuration comes from the environment (see config.ts and the README); SIGTERM/SIGINT finish
// the batch in flight, commit, and disconnect.
import { readUpdaterConfig } from './config';
import { startFeatureUpdater } from './service';
import { logger } from '../common/logger';
import { ConfigError } from '../common/errors';

const log = logger('feature-updater');

async function main(): Promise<void> {
  const config = readUpdaterConfig();
  const service = await startFeatureUpdater(config);
  log.info(
    { adminPort: service.adminPort, group: config.UPDATER_GROUP_ID, topic: config.TOPIC_PURCHASES },
    'feature-updater started',
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
  else log.fatal({ err }, 'feature-updater failed to start');
  process.exit(1);
});
