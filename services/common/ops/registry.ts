// A Prometheus registry per running service, with the default process metrics (CPU, memory,
// event loop lag, GC) and a `service` label on every series. One per service instance rather than
// prom-client's global one, so tests can run several services in one process.
import { collectDefaultMetrics, Registry } from 'prom-client';

export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
