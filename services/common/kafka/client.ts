// One way to make a kafkajs client: its log lines go through our pino logger.
import { Kafka, logLevel, Partitioners, type LogEntry, type Producer } from 'kafkajs';
import { logger } from '../logger';

const kafkaLog = logger('kafkajs');

function logCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    if (level === logLevel.ERROR) kafkaLog.error(extra, message);
    else if (level === logLevel.WARN) kafkaLog.warn(extra, message);
    else if (level === logLevel.INFO) kafkaLog.debug(extra, message);
  };
}

export function createKafka(brokers: string[], clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.INFO,
    logCreator,
    // Reconnects back off to at most 5 s (kafkajs defaults to 30 s): a broker that returns is
    // noticed within seconds.
    retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 10 },
  });
}

/**
 * The product's producer: idempotent (no duplicates from its own retries), Java-compatible
 * murmur2 partitioning (a user's events land on the same partition whatever language produced
 * them), and retrying until it succeeds: the batch waits rather than drop or reorder a write.
 */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 5_000 },
  });
}
