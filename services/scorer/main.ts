// The scorer process: features.changed -> scores in Redis + the scores topic, and the gRPC API.
// Configuration comes from the environment (see config.ts and docs/api.md); SIGTERM/SIGINT drain
// the API, finish the batch in flight, commit, and disconnect.
import { readScorerConfig } from './config';
import { startScorer } from './service';
import { logger } from '../common/logger';
import { ConfigError } from '../common/errors';

const log = logger('scorer');

async function main(): Promise<void> {
  const config = readScorerConfig();
  const service = await startScorer(config);
  log.info(
    {
      grpcPort: service.grpcPort,
      adminPort: service.adminPort,
      modelVersion: service.models.current.model.version,
    },
    'scorer started',
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
  else log.fatal({ err }, 'scorer failed to start');
  process.exit(1);
});
