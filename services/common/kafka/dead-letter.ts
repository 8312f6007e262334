// Dead letters keep the original bytes untouched (key, value and headers) and add headers that
// say why and where from, so a message can be inspected and replayed after a fix.
import type { IHeaders, Message } from 'kafkajs';

export const DLQ_HEADERS = {
  reason: 'dlq.reason',
  error: 'dlq.error',
  topic: 'dlq.source.topic',
  partition: 'dlq.source.partition',
  offset: 'dlq.source.offset',
  timestamp: 'dlq.source.timestamp',
} as const;

export interface DeadLetterSource {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}

export function deadLetterMessage(src: DeadLetterSource, reason: string, error: string): Message {
  return {
    key: src.key,
    value: src.value,
    headers: {
      ...(src.headers ?? {}),
      [DLQ_HEADERS.reason]: reason,
      [DLQ_HEADERS.error]: error.slice(0, 500),
      [DLQ_HEADERS.topic]: src.topic,
      [DLQ_HEADERS.partition]: String(src.partition),
      [DLQ_HEADERS.offset]: src.offset,
      [DLQ_HEADERS.timestamp]: src.timestamp,
    },
  };
}
