// A gRPC fuzz pass against a running scorer: random and malformed requests, over-limit and
// oversized batches, missing and wrong credentials, invalid Decide amounts and currencies, raw
// garbage bytes through a generic client, unknown methods, expired deadlines, and many WatchScores
// streams opened and dropped. Every answer must be a status the contract allows for that kind of
// request (docs/api.md); afterwards the server must be SERVING, answer a normal GetScore, and hold
// no watch stream open.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadScoringContract } from '../../services/common/proto/contract';
import type { CreditScoreServiceClient } from '../../services/common/proto/generated/creditscore/v1/CreditScoreService';
import { prng } from '../helpers/events';
import { waitFor } from '../helpers/wait';
import { healthStatus } from '../helpers/grpc-probes';
import { API_KEY } from '../integration/scorer/scorer-fixture';

const S = grpc.status;

export interface FuzzOptions {
  address: string;
  adminPort: number;
  seed: number;
  calls: number;
  /** A user with a score: GetScore must answer OK for it after the pass. */
  knownUser: string;
}

export interface FuzzReport {
  calls: number;
  /** kind -> status name -> count. */
  answers: Record<string, Record<string, number>>;
  streams: { opened: number; dropped: number };
  health: string;
  violations: string[];
}

interface Case {
  kind: string;
  allowed: grpc.status[];
  call: () => Promise<grpc.status>;
}

type Unary = (
  req: unknown,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null) => void,
) => unknown;

const SERVICE = '/creditscore.v1.CreditScoreService';
const MAX_MESSAGE = 4 * 1024 * 1024; // the server's grpc.max_receive_message_length
/** The API's id rule (docs/api.md): 1-128 characters, no whitespace or control characters. */
const VALID_ID = /^[^\s\p{Cc}]{1,128}$/u;

export async function runGrpcFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const rnd = prng(o.seed ^ 0xf022);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const Service = loadScoringContract().grpcObject.creditscore.v1.CreditScoreService;
  const stub = new Service(o.address, grpc.credentials.createInsecure()) as CreditScoreServiceClient;
  const raw = new grpc.Client(o.address, grpc.credentials.createInsecure());
  const report: FuzzReport = {
    calls: 0,
    answers: {},
    streams: { opened: 0, dropped: 0 },
    health: '',
    violations: [],
  };

  const auth = (key: string | null) => {
    const md = new grpc.Metadata();
    if (key !== null) md.set('authorization', key);
    return md;
  };
  const bearer = (secret: string) => auth(`Bearer ${secret}`);
  const unary = (
    method: keyof CreditScoreServiceClient,
    req: unknown,
    md: grpc.Metadata,
    deadlineMs = 30_000,
  ) =>
    new Promise<grpc.status>((resolve) => {
      const fn = (stub[method] as unknown as Unary).bind(stub);
      fn(req, md, { deadline: Date.now() + deadlineMs }, (err) => resolve(err ? err.code : S.OK));
    });
  const rawUnary = (path: string, bytes: Buffer, md: grpc.Metadata) =>
    new Promise<grpc.status>((resolve) => {
      raw.makeUnaryRequest(
        path,
        (b: Buffer) => b,
        (b: Buffer) => b,
        bytes,
        md,
        { deadline: Date.now() + 30_000 },
        (err) => resolve(err ? err.code : S.OK),
      );
    });

  const randomText = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++)
      s += String.fromCodePoint(pick([0x20, 0x41, 0x7a, 0x00, 0x0a, 0xe9, 0x4e2d, 0x1f600]) + int(16));
    return s;
  };
  const someId = (): string => {
    switch (int(8)) {
      case 0:
        return '';
      case 1:
        return ' ';
      case 2:
        return `u ${int(100)}`;
      case 3:
        return 'x'.repeat(129 + int(10_000));
      case 4:
        return randomText(1 + int(40));
      case 5:
        return `nobody-${int(1e9)}`;
      case 6:
        return '\u0000\u0001';
      default:
        return o.knownUser;
    }
  };
  const idStatus = (id: string) =>
    !VALID_ID.test(id) ? [S.INVALID_ARGUMENT] : id === o.knownUser ? [S.OK] : [S.NOT_FOUND];
  const goodDecide = () => ({
    userId: `fuzz-${int(1e9)}`,
    orderId: `fuzz-order-${int(1e12)}`,
    amountMinor: 1 + int(100_000),
    currency: 'CNY',
    merchantId: 'm-fuzz',
    instalments: 1 + int(12),
  });
  const badDecide = (): Record<string, unknown> => {
    const d: Record<string, unknown> = goodDecide();
    const breakIt: [string, unknown][] = [
      ['amountMinor', 0],
      ['amountMinor', -1 - int(1e6)],
      ['amountMinor', 1e12 + 1],
      ['amountMinor', Number.MAX_SAFE_INTEGER],
      ['currency', 'cny'],
      ['currency', 'ZZZ'],
      ['currency', 'JPY'],
      ['currency', ''],
      ['currency', 'CNYY'],
      ['instalments', 0],
      ['instalments', 61],
      ['instalments', -3],
      ['orderId', ''],
      ['merchantId', 'm'.repeat(200)],
      ['userId', 'a b'],
    ];
    const [field, value] = pick(breakIt);
    d[field] = value;
    return d;
  };

  // Exhausting the key's rate limit is a proper answer to any authorised call.
  const authorised = (codes: grpc.status[]) => [...codes, S.RESOURCE_EXHAUSTED];

  const cases: (() => Case)[] = [
    () => {
      const id = someId();
      return {
        kind: 'GetScore id',
        allowed: authorised(idStatus(id)),
        call: () => unary('GetScore', { userId: id }, bearer(API_KEY.all)),
      };
    },
    () => {
      const size = MAX_MESSAGE + 1 + int(1_000_000);
      return {
        kind: 'GetScore over the message limit',
        allowed: [S.RESOURCE_EXHAUSTED],
        call: () => unary('GetScore', { userId: 'x'.repeat(size) }, bearer(API_KEY.all)),
      };
    },
    () => {
      const ids = Array.from({ length: 1 + int(1000) }, () =>
        rnd() < 0.98 ? `nobody-${int(1e9)}` : someId(),
      );
      const ok = ids.every((id) => VALID_ID.test(id));
      return {
        kind: 'BatchGetScores up to the limit',
        allowed: authorised(ok ? [S.OK] : [S.INVALID_ARGUMENT]),
        call: () => unary('BatchGetScores', { userIds: ids }, bearer(API_KEY.all)),
      };
    },
    () => {
      const ids = Array.from({ length: 1001 + int(20_000) }, (_, i) => `u${i}`);
      return {
        kind: 'BatchGetScores over the limit',
        allowed: authorised([S.INVALID_ARGUMENT]),
        call: () => unary('BatchGetScores', { userIds: ids }, bearer(API_KEY.all)),
      };
    },
    () => ({
      kind: 'BatchGetScores over the message limit',
      allowed: [S.RESOURCE_EXHAUSTED],
      call: () =>
        unary(
          'BatchGetScores',
          { userIds: Array.from({ length: 50 }, () => 'y'.repeat(100_000)) },
          bearer(API_KEY.all),
        ),
    }),
    () => {
      const md = pick<() => grpc.Metadata>([
        () => auth(null),
        () => auth(''),
        () => bearer('wrong-key-0123456789'),
        () => auth(`Basic ${API_KEY.all}`),
        () => bearer('x'.repeat(600)),
        () => bearer(API_KEY.all.slice(0, -1)),
        () => {
          const m = new grpc.Metadata();
          m.set('authorization-bin', Buffer.from(`Bearer ${API_KEY.all}`));
          return m;
        },
      ])();
      const method = pick(['GetScore', 'BatchGetScores', 'Decide'] as const);
      const req =
        method === 'GetScore'
          ? { userId: o.knownUser }
          : method === 'Decide'
            ? goodDecide()
            : { userIds: [o.knownUser] };
      return {
        kind: 'missing or wrong API key',
        allowed: [S.UNAUTHENTICATED],
        call: () => unary(method, req, md),
      };
    },
    () => ({
      // Above Node's HTTP/2 header list limit (64 KiB) the transport resets the stream (INTERNAL)
      // or drops the connection (UNAVAILABLE): on a connection of its own, as a misbehaving
      // client would have; below it the call is served.
      kind: 'oversized metadata',
      allowed: authorised([S.OK, S.INTERNAL, S.UNAVAILABLE]),
      call: async () => {
        // Clients to one address share a connection unless told not to.
        const own = new Service(o.address, grpc.credentials.createInsecure(), {
          'grpc.use_local_subchannel_pool': 1,
        }) as CreditScoreServiceClient;
        const md = bearer(API_KEY.all);
        md.set('x-padding', 'p'.repeat(20_000 + int(100_000)));
        try {
          return await new Promise<grpc.status>((resolve) =>
            own.GetScore({ userId: o.knownUser }, md, { deadline: Date.now() + 15_000 }, (err) =>
              resolve(err ? err.code : S.OK),
            ),
          );
        } finally {
          own.close();
        }
      },
    }),
    () => {
      const [key, method, req] = pick<[string, keyof CreditScoreServiceClient, unknown]>([
        [API_KEY.read, 'Decide', goodDecide()],
        [API_KEY.decide, 'GetScore', { userId: o.knownUser }],
        [API_KEY.watch, 'BatchGetScores', { userIds: [o.knownUser] }],
      ]);
      return {
        kind: 'API key without the scope',
        allowed: [S.PERMISSION_DENIED],
        call: () => unary(method, req, bearer(key)),
      };
    },
    () => ({
      kind: 'Decide invalid',
      allowed: authorised([S.INVALID_ARGUMENT]),
      call: () => unary('Decide', badDecide(), bearer(API_KEY.all)),
    }),
    () => ({
      kind: 'Decide valid, then the same order changed',
      allowed: authorised([S.ALREADY_EXISTS]),
      call: async () => {
        const d = goodDecide();
        const first = await unary('Decide', d, bearer(API_KEY.all));
        if (first !== S.OK) return first === S.RESOURCE_EXHAUSTED ? first : S.UNKNOWN;
        return unary('Decide', { ...d, amountMinor: d.amountMinor + 1 }, bearer(API_KEY.all));
      },
    }),
    () => {
      const method = pick(['GetScore', 'BatchGetScores', 'Decide']);
      const bytes = Buffer.from(Array.from({ length: int(2000) }, () => int(256)));
      // Bytes that are no protobuf message fail in the framework's deserializer (INTERNAL, grpc-js's
      // answer); bytes that happen to parse reach the handler and get its answers.
      return {
        kind: 'garbage bytes',
        allowed: authorised([S.INTERNAL, S.INVALID_ARGUMENT, S.NOT_FOUND, S.OK, S.ALREADY_EXISTS]),
        call: () => rawUnary(`${SERVICE}/${method}`, bytes, bearer(API_KEY.all)),
      };
    },
    () => ({
      kind: 'unknown method',
      allowed: [S.UNIMPLEMENTED],
      call: () =>
        rawUnary(
          pick([`${SERVICE}/Nope`, '/x.Y/Z', `${SERVICE}/getscore`]),
          Buffer.alloc(0),
          bearer(API_KEY.all),
        ),
    }),
    () => ({
      kind: 'deadline of 1 ms',
      allowed: [S.DEADLINE_EXCEEDED, S.OK],
      call: () => unary('GetScore', { userId: o.knownUser }, bearer(API_KEY.all), 1),
    }),
  ];

  const answer = (kind: string, code: grpc.status) => {
    const byCode = (report.answers[kind] ??= {});
    byCode[S[code]!] = (byCode[S[code]!] ?? 0) + 1;
  };

  // The calls, 16 at a time, with the watch streams opened and dropped alongside.
  const planned = Array.from({ length: o.calls }, () => cases[int(cases.length)]!());
  const streams = watchStorm(o, rnd, Math.max(20, Math.floor(o.calls / 20)), report, answer);
  let nextCall = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (nextCall < planned.length) {
        const c = planned[nextCall++]!;
        const code = await c.call();
        report.calls++;
        answer(c.kind, code);
        // A client's deadline can pass on a loaded machine whatever it asked: a proper answer.
        if (!c.allowed.includes(code) && code !== S.DEADLINE_EXCEEDED)
          report.violations.push(`${c.kind}: ${S[code]} (allowed ${c.allowed.map((s) => S[s]).join(', ')})`);
      }
    }),
  );
  await streams;
  stub.close();
  raw.close();

  // The server is healthy: SERVING, a normal call answers, and no watch stream is left behind.
  report.health = await healthStatus(o.address).catch((e: Error) => `error ${e.message}`);
  if (report.health !== 'SERVING') report.violations.push(`health after the pass: ${report.health}`);
  const after = new (loadScoringContract().grpcObject.creditscore.v1.CreditScoreService)(
    o.address,
    grpc.credentials.createInsecure(),
  );
  const code = await new Promise<grpc.status>((resolve) =>
    after.GetScore({ userId: o.knownUser }, bearer(API_KEY.all), { deadline: Date.now() + 10_000 }, (err) =>
      resolve(err ? err.code : S.OK),
    ),
  );
  after.close();
  if (code !== S.OK) report.violations.push(`GetScore of a scored user after the pass: ${S[code]}`);
  await waitFor(async () => (await watchStreams(o.adminPort)) === 0, {
    what: 'the server to close every dropped watch stream',
    timeoutMs: 60_000,
    intervalMs: 200,
  }).catch(async () =>
    report.violations.push(`watch streams still open: ${await watchStreams(o.adminPort)}`),
  );
  return report;
}

/** creditscore_watch_streams from the scorer's /metrics. */
async function watchStreams(adminPort: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${adminPort}/metrics`)).text();
  const m = /^creditscore_watch_streams(?:\{[^}]*\})? (\S+)$/m.exec(text);
  return m ? Number(m[1]) : NaN;
}

/**
 * WatchScores streams opened and dropped both ways a client can: cancelled (at once or a little
 * later) by a live client, and cut off by a client process killed -9 with its streams open.
 * Streams with a bad id list end INVALID_ARGUMENT; cancelled ones end CANCELLED.
 */
async function watchStorm(
  o: FuzzOptions,
  rnd: () => number,
  count: number,
  report: FuzzReport,
  answer: (kind: string, code: grpc.status) => void,
): Promise<void> {
  const killed = spawn(
    process.execPath,
    [join(__dirname, 'watch-client.js'), o.address, API_KEY.all, String(count)],
    { stdio: 'ignore' },
  );
  const gone = new Promise((r) => killed.once('exit', r));
  try {
    await waitFor(async () => (await watchStreams(o.adminPort)) >= count, {
      what: `${count} watch streams of the client process to be open`,
      timeoutMs: 60_000,
      intervalMs: 100,
    });
  } finally {
    killed.kill('SIGKILL');
    await gone;
  }
  report.streams.dropped += count;

  const Service = loadScoringContract().grpcObject.creditscore.v1.CreditScoreService;
  const client = new Service(o.address, grpc.credentials.createInsecure());
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${API_KEY.all}`);
  const ends: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const bad = rnd() < 0.2;
    const call = client.WatchScores({ userIds: bad ? ['', 'a b'] : rnd() < 0.5 ? [] : [o.knownUser] }, md);
    report.streams.opened++;
    ends.push(
      new Promise<void>((resolve) => {
        call.on('data', () => undefined);
        call.on('error', () => undefined); // the status event below says how it ended
        call.on('status', (st: grpc.StatusObject) => {
          answer('WatchScores opened and cancelled', st.code);
          const allowed = bad ? [S.INVALID_ARGUMENT] : [S.CANCELLED];
          if (!allowed.includes(st.code))
            report.violations.push(
              `WatchScores ${bad ? 'with bad ids' : 'cancelled'}: ${S[st.code]} ${st.details}`,
            );
          resolve();
        });
      }),
    );
    // A stream with bad ids ends by the server's status; the others are dropped by the client.
    if (bad) continue;
    if (rnd() < 0.5) call.cancel();
    else setTimeout(() => call.cancel(), Math.floor(rnd() * 1_000));
  }
  await Promise.all(ends);
  client.close();
}
