// A typed client of the creditscore.v1 API for P2P lending platforms and checkouts: promises for
// the unary calls, an async iterable for WatchScores, the API key sent with every call, a default
// deadline, TLS when asked. Errors are grpc-js ServiceErrors: branch on `err.code` (grpc.status).
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { loadScoringContract } from '../common/proto/contract';
import type { CreditScoreServiceClient } from '../common/proto/generated/creditscore/v1/CreditScoreService';
import type { Score__Output } from '../common/proto/generated/creditscore/v1/Score';
import type { DecideRequest } from '../common/proto/generated/creditscore/v1/DecideRequest';
import type { DecideResponse__Output } from '../common/proto/generated/creditscore/v1/DecideResponse';
import type { BatchGetScoresResponse__Output } from '../common/proto/generated/creditscore/v1/BatchGetScoresResponse';

export { status as GrpcStatus } from '@grpc/grpc-js';
export type { Score__Output as Score, DecideResponse__Output as Decision };

/** The receive window of the client's HTTP/2 connection and of each stream, bytes. */
const CLIENT_FLOW_CONTROL_WINDOW = 4 * 1024 * 1024;

export interface ClientTls {
  /** PEM of the CA that signed the server certificate (default: the system's roots). */
  caFile?: string;
  /** Client certificate and key (PEM), when the server asks for one. */
  certFile?: string;
  keyFile?: string;
}

export interface CreditScoreClientOptions {
  /** host:port of the scorer (or its load balancer). */
  address: string;
  /** The bearer API key (the secret, not its hash). */
  apiKey: string;
  /** true or file paths for TLS; plaintext when absent (local use only). */
  tls?: boolean | ClientTls;
  /** Deadline of each unary call (default 2,000 ms). */
  deadlineMs?: number;
}

export type DecideParams = Required<
  Pick<DecideRequest, 'userId' | 'orderId' | 'currency' | 'merchantId' | 'instalments'>
> & { amountMinor: number };

export interface ScoreWatch extends AsyncIterable<Score__Output> {
  cancel(): void;
}

export class CreditScoreClient {
  private readonly stub: CreditScoreServiceClient;
  private readonly deadlineMs: number;

  constructor(private readonly opts: CreditScoreClientOptions) {
    const Service = loadScoringContract().grpcObject.creditscore.v1.CreditScoreService;
    this.stub = new Service(opts.address, channelCredentials(opts.tls), {
      'grpc.keepalive_time_ms': 30_000,
      // grpc-js keeps HTTP/2's 64 KiB receive window (grpc-go and grpc-java grow theirs by
      // bandwidth-delay probing): a WatchScores stream of thousands of updates per second then
      // waits on window updates whenever the server's event loop is busy, and falls seconds behind.
      'grpc-node.flow_control_window': CLIENT_FLOW_CONTROL_WINDOW,
    });
    this.deadlineMs = opts.deadlineMs ?? 2_000;
  }

  /** Rejects with code NOT_FOUND for a user never scored. */
  async getScore(userId: string): Promise<Score__Output> {
    const res = await this.unary<{ score: Score__Output | null }>((m, o, cb) =>
      this.stub.GetScore({ userId }, m, o, cb),
    );
    return res.score!;
  }

  /** Up to 1,000 ids at once. */
  batchGetScores(userIds: string[]): Promise<BatchGetScoresResponse__Output> {
    return this.unary((m, o, cb) => this.stub.BatchGetScores({ userIds }, m, o, cb));
  }

  /** Checkout approval; the same orderId always returns the same decision. */
  decide(params: DecideParams): Promise<DecideResponse__Output> {
    return this.unary((m, o, cb) => this.stub.Decide(params, m, o, cb));
  }

  /**
   * Score updates from now on, for every user or the given ones. Iterate with `for await`; the
   * loop ends with an error carrying the status code if the stream fails; `cancel()` ends it.
   */
  watchScores(userIds: string[] = []): ScoreWatch {
    const stream = this.stub.WatchScores({ userIds }, this.metadata());
    return {
      cancel: () => stream.cancel(),
      async *[Symbol.asyncIterator]() {
        try {
          for await (const message of stream as AsyncIterable<{ score: Score__Output }>) yield message.score;
        } catch (err) {
          if ((err as grpc.ServiceError).code !== grpc.status.CANCELLED) throw err;
        } finally {
          stream.cancel(); // the caller left the loop early: tell the server (a no-op after the end)
        }
      },
    };
  }

  close(): void {
    this.stub.close();
  }

  private metadata(): grpc.Metadata {
    const m = new grpc.Metadata();
    m.set('authorization', `Bearer ${this.opts.apiKey}`);
    return m;
  }

  private unary<T>(
    call: (
      m: grpc.Metadata,
      o: grpc.CallOptions,
      cb: (err: grpc.ServiceError | null, res?: T) => void,
    ) => void,
  ): Promise<T> {
    return new Promise((resolve, reject) =>
      call(this.metadata(), { deadline: Date.now() + this.deadlineMs }, (err, res) =>
        err ? reject(err) : resolve(res!),
      ),
    );
  }
}

function channelCredentials(tls: CreditScoreClientOptions['tls']): grpc.ChannelCredentials {
  if (!tls) return grpc.credentials.createInsecure();
  if (tls === true) return grpc.credentials.createSsl();
  const read = (path?: string) => (path ? readFileSync(path) : null);
  return grpc.credentials.createSsl(read(tls.caFile), read(tls.keyFile), read(tls.certFile));
}
