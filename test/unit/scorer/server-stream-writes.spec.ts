// grpc-js server streams as patched by patches/@grpc+grpc-js+1.14.7.patch: messages written while
// an earlier write is pending reach HTTP/2 together (_writev), not one per event-loop turn. Without
// it, WatchScores from a busy scorer (thousands of scores a second, an event loop taking
// milliseconds a turn) fell seconds behind. Counted in event-loop turns, not time.
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';

const bytes = { serialize: (b: Buffer) => b, deserialize: (b: Buffer) => b };
const definition: grpc.ServiceDefinition = {
  stream: {
    path: '/test.Stream/Stream',
    requestStream: false,
    responseStream: true,
    requestSerialize: bytes.serialize,
    requestDeserialize: bytes.deserialize,
    responseSerialize: bytes.serialize,
    responseDeserialize: bytes.deserialize,
  },
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('grpc-js server stream writes (patched)', () => {
  it('hands 1,000 messages written at once to HTTP/2 within a few event-loop turns', async () => {
    const MESSAGES = 1_000;
    let turns = -1;
    const measured = new Promise<number>((resolve) => {
      const server = new grpc.Server();
      server.addService(definition, {
        stream: async (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
          for (let i = 0; i < MESSAGES; i++) call.write(Buffer.alloc(150, i % 256));
          let n = 0;
          while (call.writableLength > 0 && n < 10 * MESSAGES) {
            await nextTurn();
            n++;
          }
          call.end();
          resolve(n);
        },
      });
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
        if (err) throw err;
        const Client = grpc.makeGenericClientConstructor(definition, 'Stream');
        const client = new Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        const stream = (
          client as unknown as { stream(req: Buffer): grpc.ClientReadableStream<Buffer> }
        ).stream(Buffer.alloc(0));
        let received = 0;
        stream.on('data', () => received++);
        stream.on('end', () => {
          expect(received).to.equal(MESSAGES);
          client.close();
          server.forceShutdown();
        });
      });
    });
    turns = await measured;
    // One message per turn (grpc-js's own _write) would take about 1,000 turns.
    expect(turns).to.be.below(100);
  });
});
