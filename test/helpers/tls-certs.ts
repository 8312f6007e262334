// Certificates for TLS tests, made with the machine's openssl in a temporary folder: a CA, a server
// certificate for 127.0.0.1 / localhost and a client certificate signed by it, and a client
// certificate of another CA that the server must not trust. EC P-256 keys: fast to make.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface TestPki {
  dir: string;
  caFile: string;
  server: { certFile: string; keyFile: string };
  client: { certFile: string; keyFile: string };
  /** Signed by a CA the server does not know. */
  strangerClient: { certFile: string; keyFile: string };
  remove(): void;
}

const run = (dir: string, args: string[]) => promisify(execFile)('openssl', args, { cwd: dir });
const KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function makeCa(dir: string, name: string): Promise<void> {
  await run(dir, [
    'req',
    '-x509',
    ...KEY,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
  ]);
}

async function makeSigned(dir: string, name: string, ca: string, ext: string): Promise<void> {
  writeFileSync(join(dir, `${name}.ext`), ext);
  await run(dir, ['req', ...KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
  await run(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
  ]);
}

export async function makeTestPki(): Promise<TestPki> {
  const dir = mkdtempSync(join(tmpdir(), 'cs-tls-'));
  const pair = (name: string) => ({ certFile: join(dir, `${name}.pem`), keyFile: join(dir, `${name}.key`) });
  await makeCa(dir, 'ca');
  await makeCa(dir, 'stranger-ca');
  await makeSigned(
    dir,
    'server',
    'ca',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  await makeSigned(dir, 'client', 'ca', 'extendedKeyUsage=clientAuth\n');
  await makeSigned(dir, 'stranger', 'stranger-ca', 'extendedKeyUsage=clientAuth\n');
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    server: pair('server'),
    client: pair('client'),
    strangerClient: pair('stranger'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
