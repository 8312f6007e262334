// The scorer process: features.changed -> scores in Redis + the scores topic, and the gRPC API.
// Configuration comes from the environment (see config.ts and docs/api.md); on SIGTERM/SIGINT it
// drains the API, finishes the batch in flight, commits, and disconnects.
import { runService } from '../common/run-service';
import { readScorerConfig } from './config';
import { startScorer } from './service';

runService(
  'scorer',
  () => startScorer(readScorerConfig()),
  (s) => ({ grpcPort: s.grpcPort, adminPort: s.adminPort, modelVersion: s.models.current.model.version }),
);
