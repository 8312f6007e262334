// WatchScores from any replica: each replica reads the compacted scores topic with a consumer
// group of its own (unique id, starting at the end, never committing), so every replica sees
// every score whichever replica wrote it, and fans it out to its own streams. The topic is the
// scores' public record anyway, so this costs no extra write; Redis pub/sub would add a second
// delivery path and lose messages across reconnects, where Kafka simply resumes.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from '../common/logger';
import type { HopLatency } from '../common/ops/pipeline-metrics';
import { scoreUpdatedCodec, type ScoreUpdated } from './scorer-events';

export type ScoreListener = (score: ScoreUpdated) => void;

interface Subscriber {
  users: ReadonlySet<string> | null;
  listener: ScoreListener;
}

const codec = scoreUpdatedCodec();

export class WatchHub {
  private readonly consumer: Consumer;
  private readonly subscribers = new Set<Subscriber>();
  private fetching = false;

  constructor(
    kafka: Kafka,
    private readonly topic: string,
    groupPrefix: string,
    private readonly log: Logger,
    private readonly hops?: HopLatency,
  ) {
    const groupId = `${groupPrefix}-watch-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
    this.consumer = kafka.consumer({
      groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 100,
    });
    // Ready once the first fetch after joining ran: the start offset ("latest") is fixed by then.
    this.consumer.on(this.consumer.events.FETCH, () => (this.fetching = true));
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => (this.fetching = false));
  }

  get ready(): boolean {
    return this.fetching;
  }

  get streams(): number {
    return this.subscribers.size;
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: false });
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 4,
      eachBatch: async ({ batch }) => {
        this.hops?.observe(
          'scores',
          batch.messages.map((m) => m.timestamp),
        );
        if (this.subscribers.size === 0) return;
        for (const m of batch.messages) {
          if (!m.value) continue;
          let score: ScoreUpdated;
          try {
            score = codec.decode(m.value);
          } catch (err) {
            this.log.warn(
              { partition: batch.partition, offset: m.offset, err: (err as Error).message },
              'undecodable score skipped',
            );
            continue;
          }
          for (const s of this.subscribers) if (!s.users || s.users.has(score.userId)) s.listener(score);
        }
      },
    });
  }

  /** @param users null = every user. Returns the unsubscribe function. */
  subscribe(users: ReadonlySet<string> | null, listener: ScoreListener): () => void {
    const s: Subscriber = { users, listener };
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  async stop(): Promise<void> {
    this.subscribers.clear();
    await this.consumer.disconnect();
  }
}
