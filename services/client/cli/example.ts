// A runnable example of the typed client (docs/api.md):
//   CREDITSCORE_ADDRESS=127.0.0.1:50051 CREDITSCORE_API_KEY=<secret> \
//     node dist/services/client/cli/example.js <user id>
import { CreditScoreClient, GrpcStatus } from '..';
import type { ServiceError } from '@grpc/grpc-js';

async function main(): Promise<void> {
  const userId = process.argv[2] ?? 'shopper-1';
  const client = new CreditScoreClient({
    address: process.env.CREDITSCORE_ADDRESS ?? '127.0.0.1:50051',
    apiKey: process.env.CREDITSCORE_API_KEY ?? '',
    tls: process.env.CREDITSCORE_TLS_CA ? { caFile: process.env.CREDITSCORE_TLS_CA } : undefined,
  });
  try {
    try {
      const score = await client.getScore(userId);
      console.log(
        `score ${score.points} (PD ${(score.probabilityOfDefault * 100).toFixed(2)}%), model ${score.modelVersion}`,
      );
      for (const r of score.reasons) console.log(`  ${r.code}: ${r.text}`);
    } catch (err) {
      if ((err as ServiceError).code !== GrpcStatus.NOT_FOUND) throw err;
      console.log('no score yet (thin file)');
    }

    const decision = await client.decide({
      userId,
      orderId: `example-${Date.now()}`,
      amountMinor: 239_900, // 2,399.00 CNY
      currency: 'CNY',
      merchantId: 'merchant-1',
      instalments: 6,
    });
    console.log(
      `decision ${decision.decisionId}: ${decision.outcome}, limit ${decision.creditLimitMinor / 100} CNY`,
    );

    console.log('watching score updates for 10 s ...');
    const watch = client.watchScores([userId]);
    const stop = setTimeout(() => watch.cancel(), 10_000);
    for await (const s of watch) console.log(`  ${s.userId}: ${s.points} (features v${s.featureVersion})`);
    clearTimeout(stop);
  } finally {
    client.close();
  }
}

main().catch((err) => {
  console.error(`${(err as ServiceError).code ?? ''} ${(err as Error).message}`);
  process.exit(1);
});
