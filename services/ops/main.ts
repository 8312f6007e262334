// The ops process (used by `npm start` and docker-compose): consumer lag exporter + live dashboard.
import { runService } from '../common/run-service';
import { readOpsConfig } from './config';
import { startOpsService } from './service';

runService(
  'ops',
  () => startOpsService(readOpsConfig()),
  (s) => ({ adminPort: s.adminPort, dashboard: `http://127.0.0.1:${s.adminPort}/` }),
);
