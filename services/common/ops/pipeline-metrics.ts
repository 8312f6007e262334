// Metric factories every service shares, so the names the dashboard, the Grafana dashboard and the
// alert rules read are defined once: Redis call latency, event freshness, gRPC requests, the loaded
// model and the score distribution. A service calls the ones it needs with its own registry.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Latency buckets (seconds) for calls that should take about a millisecond. */
const FAST_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
/** Freshness buckets (seconds): the pipeline aims at under a second, bursts may take minutes. */
export const FRESHNESS_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/** `creditscore_redis_call_seconds{operation}`; time(op, call) observes one call, failed or not. */
export function redisLatency(registry: Registry) {
  const h = new Histogram({
    name: 'creditscore_redis_call_seconds',
    help: 'Latency of Redis calls (one script call or pipeline per batch step), by operation',
    labelNames: ['operation'],
    buckets: FAST_BUCKETS,
    registers: [registry],
  });
  return {
    histogram: h,
    async time<T>(operation: string, call: () => Promise<T>): Promise<T> {
      const end = h.startTimer({ operation });
      try {
        return await call();
      } finally {
        end();
      }
    },
  };
}

/**
 * Freshness of one pipeline stage: from the purchase event's Kafka timestamp (when checkout
 * produced it) to the stage's durable write. Stages: `features` (updater), `score` (scorer).
 * The scorer's `creditscore_event_to_score_seconds` is the end-to-end number operators watch.
 */
export function freshnessHistogram(registry: Registry, stage: 'features' | 'score'): Histogram {
  return new Histogram({
    name: `creditscore_event_to_${stage}_seconds`,
    help: `From the purchase event's Kafka timestamp to the ${stage} written to Redis`,
    buckets: FRESHNESS_BUCKETS,
    registers: [registry],
  });
}

/** Where a pipeline hop's age is taken: each names the topic a stage has just read from. */
export type PipelineHop = 'purchases' | 'features_changed' | 'scores';

/** Hop buckets (seconds): a hop should take milliseconds when the pipeline keeps up. */
const HOP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * `creditscore_pipeline_hop_seconds{hop}`: a record's age (from its Kafka timestamp, when it was
 * produced) when the next stage's handler gets it: `purchases` at the updater, `features_changed`
 * at the scorer, `scores` at the WatchScores hub. Beside the batch times, it tells which hop the
 * event-to-score seconds are spent in: waiting to be fetched (a fetch loop held up by the slowest
 * batch of the previous fetch, or a backlog) or being processed.
 */
export function hopLatency(registry: Registry): HopLatency {
  const h = new Histogram({
    name: 'creditscore_pipeline_hop_seconds',
    help: "A record's age (from its Kafka timestamp) when the next stage's handler gets it, by topic read",
    labelNames: ['hop'],
    buckets: HOP_BUCKETS,
    registers: [registry],
  });
  return {
    observe(hop, kafkaTimestamps, nowMs = Date.now()) {
      const child = h.labels({ hop });
      for (const t of kafkaTimestamps) {
        const ms = Number(t);
        if (ms > 0) child.observe(Math.max(0, nowMs - ms) / 1000);
      }
    },
  };
}

export interface HopLatency {
  /** Observes each record's age; kafkajs gives timestamps as strings of epoch ms. */
  observe(hop: PipelineHop, kafkaTimestamps: Iterable<string>, nowMs?: number): void;
}

/**
 * gRPC server metrics with method and status code labels (grpc-prometheus's pair of a counter
 * and a latency histogram, in this product's namespace).
 */
export function grpcServerMetrics(registry: Registry) {
  const handled = new Counter({
    name: 'creditscore_grpc_server_handled_total',
    help: 'gRPC calls completed, by method and status code',
    labelNames: ['method', 'code'],
    registers: [registry],
  });
  const seconds = new Histogram({
    name: 'creditscore_grpc_server_handling_seconds',
    help: 'gRPC unary call latency by method and status code',
    labelNames: ['method', 'code'],
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  return {
    handled,
    seconds,
    observe(method: string, code: string, secondsTaken: number): void {
      handled.inc({ method, code });
      seconds.observe({ method, code }, secondsTaken);
    },
  };
}

/** `creditscore_model_info{version} 1` for the model in use (an info metric: join on it). */
export function modelInfo(registry: Registry) {
  const g = new Gauge({
    name: 'creditscore_model_info',
    help: 'The model in use (value 1, label version)',
    labelNames: ['version'],
    registers: [registry],
  });
  return {
    gauge: g,
    set(version: string): void {
      g.reset();
      g.set({ version }, 1);
    },
  };
}

/** Scores written, by points: the dashboard's score distribution (scale 300-950 covers 300-850 too). */
export function scoreDistribution(registry: Registry): Histogram {
  const buckets: number[] = [];
  for (let b = 350; b <= 950; b += 50) buckets.push(b);
  return new Histogram({
    name: 'creditscore_score_points',
    help: 'Scores written, by points (upper bounds of 50-point bands)',
    buckets,
    registers: [registry],
  });
}
