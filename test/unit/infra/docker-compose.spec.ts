// No Docker engine runs here, so docker-compose.yml is checked by reading it: it must agree with
// the services' configuration and the broker version the local scripts install.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { projectPath } from '../../../services/common/paths';
import { UPDATER_SETTINGS, readUpdaterConfig } from '../../../services/feature-updater/config';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, unknown>;
}

const compose = parse(readFileSync(projectPath('docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};
const pom = readFileSync(projectPath('infra', 'kafka', 'pom.xml'), 'utf8');

describe('docker-compose.yml', () => {
  it('runs the same Kafka version as infra/kafka/pom.xml', () => {
    const pomVersion = /<kafka.version>([^<]+)<\/kafka.version>/.exec(pom)![1];
    expect(compose.services.kafka!.image).to.equal(`apache/kafka:${pomVersion}`);
  });

  const services = [
    {
      name: 'feature-updater',
      settings: UPDATER_SETTINGS,
      read: readUpdaterConfig,
      main: 'feature-updater/main.js',
    },
  ];
  for (const svc of services) {
    describe(svc.name, () => {
      const def = compose.services[svc.name]!;
      const env = Object.fromEntries(Object.entries(def.environment ?? {}).map(([k, v]) => [k, String(v)]));

      it('sets only environment variables the service reads, with valid values', () => {
        const unknown = Object.keys(env).filter((k) => !svc.settings.includes(k));
        expect(unknown, 'unknown settings').to.deep.equal([]);
        expect(() => svc.read(env)).not.to.throw();
      });

      it('points at the compose Kafka and Redis and waits for them', () => {
        expect(env.KAFKA_BROKERS).to.equal('kafka:9092');
        expect(env.REDIS_URL).to.equal('redis://redis:6379');
        expect(Object.keys(def.depends_on ?? {})).to.include.members(['kafka', 'redis']);
      });

      it('publishes its admin port and runs its compiled entry point', () => {
        expect(def.ports).to.include(`${env.ADMIN_PORT}:${env.ADMIN_PORT}`);
        expect(def.command?.join(' ')).to.contain(`dist/services/${svc.main}`);
      });
    });
  }
});
