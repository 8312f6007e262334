// The feature-updater process: purchases -> rolling features in Redis -> features.changed.
// Configuration comes from the environment (see config.ts and the README).
import { runService } from '../common/run-service';
import { readUpdaterConfig } from './config';
import { startFeatureUpdater } from './service';

runService(
  'feature-updater',
  () => startFeatureUpdater(readUpdaterConfig()),
  (s) => ({ adminPort: s.adminPort }),
);
