// No Docker engine runs here, so docker-compose.yml is checked by reading it: it must agree with
// the services' configuration and the broker version the local scripts install.
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { projectPath } from '../../../services/common/paths';
import { readOpsConfig, monitoredGroups } from '../../../services/ops/config';
import { deployableService, settingsProblems } from '../../helpers/service-settings';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  volumes?: string[];
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

  for (const svc of ['feature-updater', 'scorer'].map(deployableService)) {
    describe(svc.name, () => {
      const def = compose.services[svc.name]!;
      const env = Object.fromEntries(Object.entries(def.environment ?? {}).map(([k, v]) => [k, String(v)]));

      it('sets only environment variables the service reads, with valid values', () => {
        expect(settingsProblems(svc, env)).to.deep.equal([]);
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

  describe('ops (lag exporter + dashboard), Prometheus and Grafana', () => {
    const envOf = (name: string) =>
      Object.fromEntries(
        Object.entries(compose.services[name]!.environment ?? {}).map(([k, v]) => [k, String(v)]),
      );
    const ops = compose.services.ops!;
    const opsEnv = envOf('ops');
    /** Compose services with an admin port, as host:port inside the compose network. */
    const adminTargets = Object.keys(compose.services)
      .filter((name) => envOf(name).ADMIN_PORT)
      .map((name) => `${name}:${envOf(name).ADMIN_PORT}`);

    it('ops sets only settings it reads, points at the compose Kafka and publishes its admin port', () => {
      expect(settingsProblems(deployableService('ops'), opsEnv)).to.deep.equal([]);
      expect(opsEnv.KAFKA_BROKERS).to.equal('kafka:9092');
      expect(Object.keys(ops.depends_on ?? {})).to.include('kafka');
      expect(ops.ports).to.include(`${opsEnv.ADMIN_PORT}:${opsEnv.ADMIN_PORT}`);
      expect(ops.command?.join(' ')).to.contain('dist/services/ops/main.js');
    });

    it("ops measures the updater's group on its topic and scrapes its admin port", () => {
      const updater = envOf('feature-updater');
      const groups = monitoredGroups(readOpsConfig(opsEnv).LAG_GROUPS);
      expect(groups).to.deep.include({ group: updater.UPDATER_GROUP_ID, topics: [updater.TOPIC_PURCHASES] });
      expect(opsEnv.SCRAPE_TARGETS).to.contain(`http://feature-updater:${updater.ADMIN_PORT}/metrics`);
    });

    it('Prometheus mounts infra/prometheus and scrapes every service with an admin port', () => {
      const prom = compose.services.prometheus!;
      expect(prom.volumes).to.include('./infra/prometheus:/etc/prometheus:ro');
      const config = parse(readFileSync(projectPath('infra', 'prometheus', 'prometheus.yml'), 'utf8')) as {
        rule_files: string[];
        scrape_configs: {
          static_configs?: { targets: string[] }[];
          dns_sd_configs?: { names: string[]; type: string; port: number }[];
        }[];
      };
      const targets = config.scrape_configs.flatMap((c) => [
        ...(c.static_configs ?? []).flatMap((x) => x.targets),
        // A records: every container of a scaled service.
        ...(c.dns_sd_configs ?? []).flatMap((x) =>
          x.type === 'A' ? x.names.map((n) => `${n}:${x.port}`) : [],
        ),
      ]);
      expect(targets).to.include.members(adminTargets);
      for (const f of config.rule_files)
        expect(existsSync(projectPath('infra', 'prometheus', f)), f).to.equal(true);
    });

    it('Grafana mounts its provisioning and dashboards, and its data source is the compose Prometheus', () => {
      const grafana = compose.services.grafana!;
      for (const v of grafana.volumes ?? []) {
        const host = v.split(':')[0]!;
        expect(existsSync(projectPath(host)), host).to.equal(true);
      }
      const ds = parse(
        readFileSync(
          projectPath('infra', 'grafana', 'provisioning', 'datasources', 'prometheus.yml'),
          'utf8',
        ),
      ) as { datasources: { url: string }[] };
      expect(compose.services.prometheus!.ports).to.include('9090:9090');
      expect(ds.datasources[0]!.url).to.equal('http://prometheus:9090');
    });
  });
});
