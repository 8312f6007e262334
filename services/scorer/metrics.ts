// The scorer's metrics (Prometheus conventions: *_total counters, seconds).
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { hopLatency, scoreDistribution, type HopLatency } from '../common/ops/pipeline-metrics';

export class ScorerMetrics {
  readonly scores: Counter<'outcome'>;
  readonly freshness: Histogram;
  readonly batchSeconds: Histogram;
  readonly invalidNotices: Counter;
  readonly grpcSeconds: Histogram<'method' | 'code'>;
  readonly decisions: Counter<'outcome'>;
  readonly watchers: Gauge;
  readonly modelSwaps: Counter;
  readonly modelInfo: Gauge<'version'>;
  readonly rescored: Counter;
  /** Scores written by points: the dashboard's score distribution. */
  readonly scorePoints: Histogram;
  /** Notices' age at the re-scoring handler, scores' age at the WatchScores hub. */
  readonly hops: HopLatency;

  constructor(registry: Registry) {
    const registers = [registry];
    this.scorePoints = scoreDistribution(registry);
    this.hops = hopLatency(registry);
    this.scores = new Counter({
      name: 'creditscore_scorer_scores_total',
      help: 'Scores computed, by what the compare-and-set did (written, current = replay, stale)',
      labelNames: ['outcome'],
      registers,
    });
    this.freshness = new Histogram({
      name: 'creditscore_event_to_score_seconds',
      help: 'From the Kafka timestamp of the purchase events batch to the score stored in Redis',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.batchSeconds = new Histogram({
      name: 'creditscore_scorer_batch_seconds',
      help: 'Time to process one features.changed partition batch',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.invalidNotices = new Counter({
      name: 'creditscore_scorer_invalid_notices_total',
      help: 'features.changed messages that could not be decoded (skipped)',
      registers,
    });
    this.grpcSeconds = new Histogram({
      name: 'creditscore_grpc_server_handling_seconds',
      help: 'gRPC unary call latency by method and status code',
      labelNames: ['method', 'code'],
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.decisions = new Counter({
      name: 'creditscore_decisions_total',
      help: 'New checkout decisions by outcome (replays of an order are not counted)',
      labelNames: ['outcome'],
      registers,
    });
    this.watchers = new Gauge({
      name: 'creditscore_watch_streams',
      help: 'Open WatchScores streams',
      registers,
    });
    this.modelSwaps = new Counter({
      name: 'creditscore_model_swaps_total',
      help: 'Models swapped in while running',
      registers,
    });
    this.modelInfo = new Gauge({
      name: 'creditscore_model_info',
      help: 'The model in use (value 1, label version)',
      labelNames: ['version'],
      registers,
    });
    this.rescored = new Counter({
      name: 'creditscore_rescored_profiles_total',
      help: 'Profiles re-scored by the rescore command',
      registers,
    });
  }

  setModel(version: string): void {
    this.modelInfo.reset();
    this.modelInfo.set({ version }, 1);
  }
}
