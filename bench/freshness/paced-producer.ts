// Produces keyed messages at a steady rate: every 5 ms it hands the producer the messages due by
// then (rate x elapsed), in one send, without waiting for the previous send, so a slow
// acknowledgement does not hold back the schedule. `onSent` gets each message with the moment it
// was handed to kafkajs (performance.now()), which is the "send time" latencies are measured from.
import { Partitioners, type Kafka } from 'kafkajs';

export interface PacedMessage {
  key: string;
  value: Buffer;
}

export interface PacedRun {
  /** Messages handed to the producer so far. */
  readonly sent: number;
  /** Stops the schedule and waits for every send to be acknowledged. */
  stop(): Promise<void>;
}

export async function startPacedProducer<T>(opts: {
  kafka: Kafka;
  topic: string;
  ratePerSec: number;
  /** The seq-th item to send (from 0), and its Kafka message. */
  make: (seq: number) => T;
  encode: (item: T) => PacedMessage;
  onSent: (item: T, atMs: number) => void;
}): Promise<PacedRun> {
  // A plain producer, as a checkout system would use: murmur2 partitioning (a user's events stay
  // in one partition), acks from all replicas.
  const producer = opts.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const inFlight = new Set<Promise<unknown>>();
  let failure: Error | undefined;
  let sent = 0;
  const started = performance.now();
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * opts.ratePerSec) - sent;
    if (due <= 0) return;
    const items: T[] = [];
    for (let i = 0; i < due; i++) items.push(opts.make(sent + i));
    const at = performance.now();
    const p = producer
      .send({ topic: opts.topic, acks: -1, messages: items.map(opts.encode) })
      .catch((err: Error) => {
        failure ??= err;
      });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    for (const item of items) opts.onSent(item, at);
    sent += due;
  }, 5);
  return {
    get sent() {
      return sent;
    },
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      await producer.disconnect();
      if (failure) throw failure;
    },
  };
}
