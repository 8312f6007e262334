// Produces many messages to one topic in requests of bounded size. kafkajs puts all of one send's
// messages for a partition into one record batch, and a broker refuses a record batch larger than
// its message.max.bytes (1 MiB by default): a burst of thousands of dead letters (each the original
// message plus its reason headers) sent at once would never be written, and the partition behind
// it would stall, retrying forever.
import type { Message, Producer } from 'kafkajs';

/** Half the broker's default message.max.bytes: room for the record batch's own overhead. */
export const MAX_SEND_BYTES = 512 * 1024;

export async function sendInChunks(
  producer: Producer,
  topic: string,
  messages: Message[],
  maxBytes = MAX_SEND_BYTES,
): Promise<void> {
  let chunk: Message[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = messageBytes(m);
    if (chunk.length > 0 && bytes + size > maxBytes) {
      await producer.send({ topic, messages: chunk, acks: -1 });
      chunk = [];
      bytes = 0;
    }
    chunk.push(m);
    bytes += size;
  }
  if (chunk.length > 0) await producer.send({ topic, messages: chunk, acks: -1 });
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
