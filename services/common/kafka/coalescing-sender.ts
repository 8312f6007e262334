// Produces for many concurrent callers through one producer with few requests: sends made while a
// request is in flight go together in the next one (any topics), and each caller's promise
// resolves once Kafka acknowledged (acks from all in-sync replicas) every message it gave. The
// product's idempotent producer has one request in flight; without this, concurrent callers (the
// updater's and the scorer's partitions, Decide calls) queue one round trip each behind it. No
// linger timer: at a low rate a send goes at once, at a high rate requests grow with the round-trip
// time.
//
// A request holds at most `maxBytes` of messages (and `maxMessages`): kafkajs puts all of a
// request's messages for one partition into one record batch, and a broker refuses a record batch
// larger than its message.max.bytes (1 MiB by default), so a burst (thousands of dead letters, each
// the original message plus its reason headers, or a large batch's notices all in one partition)
// sent at once would never be written and the partition behind it would stall, retrying forever.
// A larger send is split over several requests, in order, and resolves after its last part.
//
// One sender per producer: it is what keeps the idempotent producer to one request at a time;
// two senders (or direct sends) on one producer race its sequence numbers and the broker answers
// OUT_OF_ORDER_SEQUENCE_NUMBER.
import type { Message, Producer, TopicMessages } from 'kafkajs';
import { DependencyError } from '../errors';

interface Pending {
  topic: string;
  /** Messages not yet handed to a request. */
  rest: Message[];
  resolve: () => void;
  reject: (err: Error) => void;
}

export interface RequestLimits {
  /** Most messages in one request. */
  maxMessages?: number;
  /** Most bytes of messages (messageBytes) in one request; a single larger message goes alone. */
  maxBytes?: number;
}

/** Half the broker's default message.max.bytes: room for the record batch's own overhead. */
export const MAX_REQUEST_BYTES = 512 * 1024;
/** A bound on the per-message work of one request; the byte cap is what the broker enforces. */
const DEFAULT_MAX_MESSAGES = 10_000;

export class CoalescingSender {
  private queue: Pending[] = [];
  private sending = false;
  private readonly maxMessages: number;
  private readonly maxBytes: number;

  constructor(
    private readonly producer: Producer,
    limits: RequestLimits = {},
  ) {
    this.maxMessages = limits.maxMessages ?? DEFAULT_MAX_MESSAGES;
    this.maxBytes = limits.maxBytes ?? MAX_REQUEST_BYTES;
  }

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

  /** Takes messages from the head of the queue up to the request limits (at least one). */
  private nextRequest(): { request: TopicMessages[]; carried: Pending[]; finished: Pending[] } {
    const byTopic = new Map<string, Message[]>();
    const carried: Pending[] = [];
    const finished: Pending[] = [];
    let count = 0;
    let bytes = 0;
    while (this.queue.length > 0) {
      const p = this.queue[0]!;
      let taken = 0;
      while (taken < p.rest.length && count < this.maxMessages) {
        const size = messageBytes(p.rest[taken]!);
        if (count > 0 && bytes + size > this.maxBytes) break;
        bytes += size;
        count++;
        taken++;
      }
      if (taken === 0) break;
      const part = taken === p.rest.length ? p.rest : p.rest.slice(0, taken);
      p.rest = taken === p.rest.length ? [] : p.rest.slice(taken);
      const list = byTopic.get(p.topic);
      if (list) list.push(...part);
      else byTopic.set(p.topic, [...part]);
      carried.push(p);
      if (p.rest.length > 0) break; // the request is full
      finished.push(p);
      this.queue.shift();
    }
    return { request: [...byTopic].map(([topic, messages]) => ({ topic, messages })), carried, finished };
  }
}

/** Key, value and headers plus a record's fixed overhead (an upper bound of its encoded size). */
export function messageBytes(m: Message): number {
  const len = (v: unknown): number =>
    v === null || v === undefined
      ? 0
      : Array.isArray(v)
        ? v.reduce((n: number, x) => n + len(x), 0)
        : Buffer.byteLength(v as string | Buffer);
  let n = 32 + len(m.key) + len(m.value);
  for (const [name, value] of Object.entries(m.headers ?? {})) n += 8 + Buffer.byteLength(name) + len(value);
  return n;
}
