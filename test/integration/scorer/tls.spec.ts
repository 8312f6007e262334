// The scorer's TLS settings with certificates made by openssl for the test: with TLS_CERT_FILE and
// TLS_KEY_FILE it speaks TLS only (a plaintext client fails); with TLS_CLIENT_CA_FILE too, only
// clients presenting a certificate of that CA get through. Bad settings stop the start-up naming
// the setting, before anything connects.
import { expect } from 'chai';
import { status } from '@grpc/grpc-js';
import { ConfigError } from '../../../services/common/errors';
import type { CreditScoreClientOptions } from '../../../services/client';
import type { RunningScorer } from '../../../services/scorer/service';
import { startScorer } from '../../../services/scorer/service';
import { withKafka } from '../../helpers/kafka';
import { withRedis } from '../../helpers/redis';
import { uniqueName } from '../../helpers/names';
import { makeTestPki, type TestPki } from '../../helpers/tls-certs';
import {
  API_KEY,
  clientPool,
  codeOf,
  scorerConfig,
  standaloneScorerSetup,
  startScorerInProcess,
  tinyRegistry,
} from './scorer-fixture';

describe('scorer over TLS and mutual TLS (real Kafka + Redis, openssl certificates)', function () {
  this.timeout(180_000);
  const k = withKafka();
  const r = withRedis();
  let pki: TestPki;
  let registry: Awaited<ReturnType<typeof tinyRegistry>>;
  const running: RunningScorer[] = [];
  const clients = clientPool();

  const setup = () => standaloneScorerSetup(k, r.prefix, registry.dir);
  const start = async (tls: Record<string, string>) => {
    const s = await startScorerInProcess(await setup(), tls);
    running.push(s);
    return s;
  };
  /** The code of a GetScore for a user never scored: NOT_FOUND means the call got through. */
  const callWith = (scorer: RunningScorer, tls: CreditScoreClientOptions['tls']) =>
    codeOf(
      clients
        .client({ address: `127.0.0.1:${scorer.grpcPort}`, apiKey: API_KEY.read, tls })
        .getScore(uniqueName('nobody')),
    );

  before(async () => {
    pki = await makeTestPki();
    registry = await tinyRegistry();
  });

  after(async () => {
    clients.closeAll();
    for (const s of running) await s.stop();
    registry?.remove();
    pki?.remove();
  });

  it('with a certificate and key, serves TLS clients that trust its CA and refuses plaintext', async () => {
    const scorer = await start({ TLS_CERT_FILE: pki.server.certFile, TLS_KEY_FILE: pki.server.keyFile });
    expect(await callWith(scorer, { caFile: pki.caFile })).to.equal(status.NOT_FOUND);
    expect(await callWith(scorer, undefined)).to.equal(status.UNAVAILABLE);
    // A client trusting only the system's roots rejects the server's certificate.
    expect(await callWith(scorer, true)).to.equal(status.UNAVAILABLE);
  });

  it('with a client CA, serves only clients presenting a certificate that CA signed', async () => {
    const scorer = await start({
      TLS_CERT_FILE: pki.server.certFile,
      TLS_KEY_FILE: pki.server.keyFile,
      TLS_CLIENT_CA_FILE: pki.caFile,
    });
    expect(await callWith(scorer, { caFile: pki.caFile, ...pki.client })).to.equal(status.NOT_FOUND);
    expect(await callWith(scorer, { caFile: pki.caFile })).to.equal(status.UNAVAILABLE);
    expect(await callWith(scorer, { caFile: pki.caFile, ...pki.strangerClient })).to.equal(
      status.UNAVAILABLE,
    );
    expect(await callWith(scorer, undefined)).to.equal(status.UNAVAILABLE);
  });

  it('stops the start-up naming the TLS setting that is wrong', async () => {
    const s = await setup();
    const failure = async (tls: Record<string, string>) => {
      try {
        const started = await startScorer(scorerConfig(s, tls));
        running.push(started);
        return 'started';
      } catch (err) {
        expect(err).to.be.instanceOf(ConfigError);
        return (err as ConfigError).setting;
      }
    };
    expect(await failure({ TLS_CLIENT_CA_FILE: pki.caFile })).to.equal('TLS_CLIENT_CA_FILE');
    expect(await failure({ TLS_CERT_FILE: pki.server.certFile })).to.equal('TLS_KEY_FILE');
    expect(await failure({ TLS_KEY_FILE: pki.server.keyFile })).to.equal('TLS_CERT_FILE');
    expect(
      await failure({ TLS_CERT_FILE: `${pki.dir}/missing.pem`, TLS_KEY_FILE: pki.server.keyFile }),
    ).to.equal('TLS_CERT_FILE');
  });
});
