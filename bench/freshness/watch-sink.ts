// The freshness benchmark's WatchScores client, in a process of its own as a lender's would be, so
// the benchmark's producer and topic consumer do not slow its reading (on 2 busy cores they did,
// by seconds). Notes when each score arrives (wall clock, ms) by "<user id>|<asOfMs>"; the parent
// (freshness.ts, through fork's IPC channel) asks for what arrived since it last asked.
// Env: SINK_ADDRESS, SINK_API_KEY. Messages out: { probe: true } when a user "probe-*" is scored,
// { arrivals: [key, ms][] } per request, { error } if the stream fails.
import { CreditScoreClient } from '../../services/client';

const client = new CreditScoreClient({
  address: process.env.SINK_ADDRESS!,
  apiKey: process.env.SINK_API_KEY!,
});
let arrivals: [string, number][] = [];
let probed = false;

process.on('message', (m: { cmd: string }) => {
  if (m.cmd === 'report') {
    process.send!({ arrivals });
    arrivals = [];
  } else if (m.cmd === 'stop') {
    client.close();
    process.exit(0);
  }
});

(async () => {
  for await (const s of client.watchScores()) {
    const at = performance.timeOrigin + performance.now();
    if (s.userId.startsWith('probe')) {
      if (!probed) process.send!({ probe: true });
      probed = true;
      continue;
    }
    arrivals.push([`${s.userId}|${s.asOfMs}`, at]);
  }
})().catch((err: Error) => process.send!({ error: err.message }));
