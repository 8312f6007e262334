// A backlog produced inside an open Kafka transaction and released at once by committing it.
// Consumers read committed data only (kafkajs's default isolation), so a consumer group can be
// started, settled and warmed up on the topic first, and then be timed from the release: its
// start-up, rebalances and first (unoptimised, JIT-compiling) batches stay out of the figure.
import { Partitioners, type Kafka, type Message } from 'kafkajs';
import { createProducer } from '../services/common/kafka/client';

export interface HeldBacklog {
  /** Messages readable at once, before the held ones (offsets below them). */
  warmUp: number;
  /** Messages held until release(). */
  count: number;
  /** Commits the transaction: the held messages become visible. */
  release(): Promise<void>;
  /** Aborts it (the held messages are never delivered) and disconnects. */
  abort(): Promise<void>;
}

async function sendAll(
  send: (messages: Message[]) => Promise<unknown>,
  from: number,
  to: number,
  message: (i: number) => Message,
) {
  const chunk = 5_000;
  for (let i = from; i < to; i += chunk) {
    const messages: Message[] = [];
    for (let j = i; j < Math.min(to, i + chunk); j++) messages.push(message(j));
    await send(messages);
  }
}

/**
 * Messages 0 .. warmUp-1 are produced plainly (no transaction, so no commit markers: a group that
 * consumed them has committed exactly `warmUp` offsets), then warmUp .. warmUp+count-1 in a
 * transaction left open.
 */
export async function holdBacklog(
  kafka: Kafka,
  opts: {
    topic: string;
    warmUp: number;
    count: number;
    message: (i: number) => Message;
    transactionalId: string;
  },
): Promise<HeldBacklog> {
  const plain = createProducer(kafka);
  await plain.connect();
  try {
    await sendAll(
      (messages) => plain.send({ topic: opts.topic, acks: -1, messages }),
      0,
      opts.warmUp,
      opts.message,
    );
  } finally {
    await plain.disconnect();
  }
  const producer = kafka.producer({
    transactionalId: opts.transactionalId,
    idempotent: true,
    maxInFlightRequests: 1,
    transactionTimeout: 600_000, // producing, settling and warming up the group must fit in it
    createPartitioner: Partitioners.DefaultPartitioner, // the product's partitioning
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 5_000 }, // as createProducer
  });
  await producer.connect();
  const txn = await producer.transaction();
  try {
    await sendAll(
      (messages) => txn.send({ topic: opts.topic, acks: -1, messages }),
      opts.warmUp,
      opts.warmUp + opts.count,
      opts.message,
    );
  } catch (err) {
    await txn.abort().catch(() => undefined);
    await producer.disconnect();
    throw err;
  }
  let open = true;
  const end = async (how: 'commit' | 'abort') => {
    if (!open) return;
    open = false;
    await (how === 'commit' ? txn.commit() : txn.abort());
    await producer.disconnect();
  };
  return {
    warmUp: opts.warmUp,
    count: opts.count,
    release: () => end('commit'),
    abort: () => end('abort'),
  };
}
