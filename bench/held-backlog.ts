// A backlog produced inside an open Kafka transaction and released at once by committing it.
// Consumers read committed data only (kafkajs's default isolation), so a consumer group can be
// started and left to settle on the topic first, and then be timed from the release: its start-up
// and rebalances stay out of the figure, and every instance starts with the whole backlog waiting.
import { Partitioners, type Kafka, type Message } from 'kafkajs';

export interface HeldBacklog {
  count: number;
  /** Commits the transaction: the whole backlog becomes visible. */
  release(): Promise<void>;
  /** Aborts it (the messages are never delivered) and disconnects. */
  abort(): Promise<void>;
}

export async function holdBacklog(
  kafka: Kafka,
  opts: { topic: string; count: number; message: (i: number) => Message; transactionalId: string },
): Promise<HeldBacklog> {
  const producer = kafka.producer({
    transactionalId: opts.transactionalId,
    idempotent: true,
    maxInFlightRequests: 1,
    transactionTimeout: 600_000, // producing and settling the group must fit in it
    createPartitioner: Partitioners.DefaultPartitioner, // the product's partitioning
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 5_000 }, // as createProducer
  });
  await producer.connect();
  const txn = await producer.transaction();
  const chunk = 5_000;
  try {
    for (let i = 0; i < opts.count; i += chunk) {
      const messages: Message[] = [];
      for (let j = i; j < Math.min(opts.count, i + chunk); j++) messages.push(opts.message(j));
      await txn.send({ topic: opts.topic, acks: -1, messages });
    }
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
  return { count: opts.count, release: () => end('commit'), abort: () => end('abort') };
}
