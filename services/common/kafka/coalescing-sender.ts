// Produces for many concurrent callers through one producer with few requests: sends made while a
// request is in flight go together in the next one (any topics), and each caller's promise
// resolves once Kafka acknowledged (acks from all in-sync replicas) every message it gave. The
// product's idempotent producer has one request in flight; without this, concurrent callers (the
// scorer's partitions, Decide calls) queue one round trip each behind it. No linger timer: at a
// low rate a send goes at once, at a high rate requests grow with the round-trip time.
//
// A request holds at most `maxPerRequest` messages, so even a partition's worth of a large batch
// stays under the broker's request limit (message.max.bytes, 1 MB by default); a larger send is
// split over several requests, in order, and resolves after its last part.
import type { Message, Producer, TopicMessages } from 'kafkajs';
import { DependencyError } from '../errors';

interface Pending {
  topic: string;
  /** Messages not yet handed to a request. */
  rest: Message[];
  resolve: () => void;
  reject: (err: Error) => void;
}

/** ~300-byte records: 2,000 stay under 1 MB even when all land in one partition. */
const DEFAULT_MAX_PER_REQUEST = 2_000;

export class CoalescingSender {
  private queue: Pending[] = [];
  private sending = false;

  constructor(
    private readonly producer: Producer,
    private readonly maxPerRequest = DEFAULT_MAX_PER_REQUEST,
  ) {}

  /** Resolves once every message is acknowledged; rejects with a retriable DependencyError. */
  send(topic: string, messages: Message[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, rest: messages, resolve, reject });
      // setImmediate: sends made in the same event-loop turn share the first request too.
      if (!this.sending) {
        this.sending = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const { request, carried, finished } = this.nextRequest();
      try {
        await this.producer.sendBatch({ topicMessages: request, acks: -1 });
        for (const p of finished) p.resolve();
      } catch (err) {
        const topics = [...new Set(carried.map((p) => p.topic))].join(', ');
        const failure = new DependencyError(`producing to ${topics} failed: ${(err as Error).message}`, err);
        // A send that lost a part is failed whole (its caller retries it); its rest is dropped.
        for (const p of carried) p.reject(failure);
        this.queue = this.queue.filter((p) => !carried.includes(p));
      }
    }
    this.sending = false;
  }

  /** Takes up to maxPerRequest messages from the head of the queue. */
  private nextRequest(): { request: TopicMessages[]; carried: Pending[]; finished: Pending[] } {
    const byTopic = new Map<string, Message[]>();
    const carried: Pending[] = [];
    const finished: Pending[] = [];
    let room = this.maxPerRequest;
    while (room > 0 && this.queue.length > 0) {
      const p = this.queue[0]!;
      const part = p.rest.length <= room ? p.rest : p.rest.slice(0, room);
      p.rest = p.rest.length <= room ? [] : p.rest.slice(room);
      room -= part.length;
      const list = byTopic.get(p.topic);
      if (list) list.push(...part);
      else byTopic.set(p.topic, [...part]);
      carried.push(p);
      if (p.rest.length === 0) {
        finished.push(p);
        this.queue.shift();
      }
    }
    return { request: [...byTopic].map(([topic, messages]) => ({ topic, messages })), carried, finished };
  }
}
