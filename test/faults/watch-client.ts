// A client process for the gRPC fuzz pass: opens WatchScores streams and waits to be killed -9,
// so the server sees connections dropped without a goodbye.
// Usage: node watch-client.js <address> <api key> <streams>
import * as grpc from '@grpc/grpc-js';
import { loadScoringContract } from '../../services/common/proto/contract';

const [address, key, count] = process.argv.slice(2) as [string, string, string];
const Service = loadScoringContract().grpcObject.creditscore.v1.CreditScoreService;
const client = new Service(address, grpc.credentials.createInsecure());
const md = new grpc.Metadata();
md.set('authorization', `Bearer ${key}`);
for (let i = 0; i < Number(count); i++) {
  const call = client.WatchScores({ userIds: i % 2 === 0 ? [] : [`nobody-${i}`] }, md);
  call.on('data', () => undefined);
  call.on('error', () => undefined);
}
setInterval(() => undefined, 60_000);
