// No cluster runs here, so infra/k8s is checked by reading it: strict YAML, the Kubernetes and KEDA
// OpenAPI schemas, and agreement with the code — every environment variable is one the service's
// config schema reads, probes hit ports the container declares and paths the real admin server
// answers, the gRPC readiness probe names a service the real health server reports SERVING, and
// KEDA's ceiling is the partition count. The base is checked as written and, with kubectl, as
// `kubectl kustomize` renders it and the demo overlay.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Registry } from 'prom-client';
import { projectPath } from '../../../services/common/paths';
import { startAdminServer, type AdminServer } from '../../../services/common/ops/admin-server';
import { createMetricsRegistry } from '../../../services/common/ops/registry';
import {
  serverCredentials,
  startGrpcServer,
  type RunningGrpcServer,
} from '../../../services/scorer/grpc/server';
import type { CreditScoreServiceHandlers } from '../../../services/common/proto/generated/creditscore/v1/CreditScoreService';
import { monitoredGroups, readOpsConfig } from '../../../services/ops/config';
import { parseTargets } from '../../../services/common/ops/dashboard/scrape';
import { readUpdaterConfig } from '../../../services/feature-updater/config';
import { readScorerConfig } from '../../../services/scorer/config';
import { parseShard } from '../../../services/scorer/rescore-shard';
import { healthStatus } from '../../helpers/grpc-probes';
import { deployableService, serviceRunBy, settingsProblems } from '../../helpers/service-settings';
import {
  containerEnv,
  declaredPort,
  kubectl,
  parseManifestFile,
  podTemplate,
  renderKustomization,
  selects,
  validateAgainstSchema,
  type Container,
  type K8sObject,
  type Probe,
} from '../../helpers/k8s';

const K8S_DIR = projectPath('infra', 'k8s');
const KUSTOMIZATIONS = ['base', 'overlays/demo'];
/** The topic settings KEDA may scale on, and the setting holding each topic's partition count. */
const PARTITIONS_OF: Record<string, string> = {
  TOPIC_PURCHASES: 'PURCHASES_PARTITIONS',
  TOPIC_FEATURES_CHANGED: 'FEATURES_CHANGED_PARTITIONS',
};
/** Containers whose image must write its own root file system, and why. */
const WRITABLE_ROOT: Record<string, string> = {
  kafka: 'apache/kafka writes its configuration under /opt/kafka/config at start',
};

interface Kustomization {
  resources?: string[];
  patches?: { path?: string }[];
  images?: { name: string; newTag?: string }[];
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function kustomization(dir: string): Kustomization {
  return parseManifestFile(join(K8S_DIR, dir, 'kustomization.yaml'))[0] as Kustomization;
}

/** The base's objects straight from the files its kustomization lists (it has no patches). */
function baseObjects(): K8sObject[] {
  return (kustomization('base').resources ?? []).flatMap(
    (file) => parseManifestFile(join(K8S_DIR, 'base', file)) as K8sObject[],
  );
}

interface OurContainer {
  workload: K8sObject;
  container: Container;
  env: Record<string, string>;
  service: ReturnType<typeof deployableService>;
}

function workloads(objects: K8sObject[]) {
  return objects.flatMap((o) => {
    const t = podTemplate(o);
    return t ? [{ workload: o, template: t }] : [];
  });
}

/** Every container that runs one of the product's services, with the environment it gets. */
function ourContainers(objects: K8sObject[]): OurContainer[] {
  return workloads(objects).flatMap(({ workload, template }) =>
    template.spec.containers.flatMap((container) => {
      const service = serviceRunBy(container.command);
      return service ? [{ workload, container, env: containerEnv(container, objects), service }] : [];
    }),
  );
}

function the(objects: K8sObject[], name: string): OurContainer {
  const found = ourContainers(objects).filter((c) => c.service.name === name);
  expect(found, `containers running ${name}`).to.have.length(1);
  return found[0]!;
}

function probesOf(c: Container): [string, Probe][] {
  return (['startupProbe', 'livenessProbe', 'readinessProbe'] as const).flatMap((k) =>
    c[k] ? [[k, c[k]] as [string, Probe]] : [],
  );
}

let admin: AdminServer;
let grpcServer: RunningGrpcServer;
let registry: Registry;

describe('Kubernetes manifests (infra/k8s)', () => {
  before(async () => {
    registry = createMetricsRegistry('k8s-manifests-test');
    admin = await startAdminServer({ port: 0, registry, readiness: () => ({ ready: true, detail: {} }) });
    // The real server with no API handlers: the health service is what the probes use.
    grpcServer = await startGrpcServer({
      host: '127.0.0.1',
      port: 0,
      credentials: serverCredentials({}),
      handlers: {} as CreditScoreServiceHandlers,
    });
  });

  after(async () => {
    await admin?.close();
    await grpcServer?.stop(100);
  });

  describe('files', () => {
    for (const file of yamlFilesUnder(K8S_DIR)) {
      const name = relative(K8S_DIR, file);
      it(`${name} is strict YAML and every object names its apiVersion, kind and name`, () => {
        const docs = parseManifestFile(file) as Partial<K8sObject>[];
        expect(docs.length, 'documents').to.be.greaterThan(0);
        for (const d of docs) {
          expect(d.apiVersion, `${name} apiVersion`).to.be.a('string');
          expect(d.kind, `${name} kind`).to.be.a('string');
          if (d.kind !== 'Kustomization') expect(d.metadata?.name, `${name} metadata.name`).to.be.a('string');
        }
      });
    }

    for (const dir of KUSTOMIZATIONS) {
      it(`${dir}/kustomization.yaml lists every file of its directory`, () => {
        const k = kustomization(dir);
        const listed = [
          ...(k.resources ?? []),
          ...(k.patches ?? []).flatMap((p) => (p.path ? [p.path] : [])),
        ];
        const files = yamlFilesUnder(join(K8S_DIR, dir))
          .map((f) => relative(join(K8S_DIR, dir), f))
          .filter((f) => f !== 'kustomization.yaml');
        expect([...files].sort()).to.deep.equal(listed.filter((r) => !r.startsWith('..')).sort());
      });
    }

    it('the base tags the image with the package version', () => {
      const pkg = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string };
      expect(kustomization('base').images).to.deep.equal([{ name: 'creditscore', newTag: pkg.version }]);
    });
  });

  describe('the base as written', () => {
    checkDeployment(baseObjects);

    it("the partition counts are the services' defaults, and each KEDA ceiling equals its topic's", () => {
      const objects = baseObjects();
      const topics = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'creditscore-topics')!;
      const defaults = { ...readUpdaterConfig({}), ...readScorerConfig({}) };
      expect(Number(topics.data!.PURCHASES_PARTITIONS)).to.equal(defaults.PURCHASES_PARTITIONS);
      expect(Number(topics.data!.FEATURES_CHANGED_PARTITIONS)).to.equal(defaults.FEATURES_CHANGED_PARTITIONS);
      const ceiling = (name: string) =>
        (
          objects.find((o) => o.kind === 'ScaledObject' && o.metadata.name === name)!.spec as {
            maxReplicaCount: number;
          }
        ).maxReplicaCount;
      expect(ceiling('feature-updater')).to.equal(defaults.PURCHASES_PARTITIONS);
      expect(ceiling('scorer')).to.equal(defaults.FEATURES_CHANGED_PARTITIONS);
    });
  });

  for (const dir of KUSTOMIZATIONS) {
    describe(`${dir} rendered by kubectl kustomize`, function () {
      let rendered: K8sObject[] = [];
      before(function () {
        const k = kubectl();
        if (!k.path) {
          console.log(`      skipped: ${k.why}`);
          this.skip();
        }
        rendered = renderKustomization(k.path!, join(K8S_DIR, dir));
      });
      checkDeployment(() => rendered);

      if (dir === 'overlays/demo') {
        it('puts everything in its namespace and points the services at its Kafka and Redis', () => {
          const ns = rendered.find((o) => o.kind === 'Namespace')!.metadata.name;
          for (const o of rendered.filter((x) => x.kind !== 'Namespace'))
            expect(o.metadata.namespace, `${o.kind} ${o.metadata.name}`).to.equal(ns);
          const updater = the(rendered, 'feature-updater').env;
          const kafka = workloads(rendered).find((w) => w.workload.metadata.name === 'kafka')!;
          const advertised = kafka.template.spec.containers[0]!.env!.find(
            (e) => e.name === 'KAFKA_ADVERTISED_LISTENERS',
          )!.value;
          expect(advertised).to.equal(`PLAINTEXT://${updater.KAFKA_BROKERS}`);
          expect(updater.KAFKA_BROKERS).to.equal(`kafka.${ns}.svc.cluster.local:9092`);
          expect(updater.REDIS_URL).to.equal(`redis://redis.${ns}.svc.cluster.local:6379`);
        });

        it('trains into the volume and directory the scorer loads models from', () => {
          const scorer = the(rendered, 'scorer');
          const job = workloads(rendered).find((w) => w.workload.kind === 'Job')!;
          const train = job.template.spec.containers[0]!;
          const args = train.command!;
          expect(args.join(' ')).to.contain('dist/services/trainer/cli/train.js');
          const modelsDir = args[args.indexOf('--models-dir') + 1];
          expect(modelsDir).to.equal(scorer.env.MODELS_DIR);
          const claimAt = (spec: typeof job.template.spec, c: Container, path: string) => {
            const mount = c.volumeMounts!.find((m) => m.mountPath === path)!;
            return spec.volumes!.find((v) => v.name === mount.name)!.persistentVolumeClaim!.claimName;
          };
          expect(claimAt(job.template.spec, train, modelsDir!)).to.equal(
            claimAt(podTemplate(scorer.workload)!.spec, scorer.container, scorer.env.MODELS_DIR!),
          );
        });
      }
    });
  }
});

/** The checks every complete set of objects must pass. */
function checkDeployment(objectsOf: () => K8sObject[]): void {
  it('every object validates against its Kubernetes or KEDA OpenAPI schema', () => {
    const failures = objectsOf().flatMap((o) => {
      try {
        validateAgainstSchema(o);
        return [];
      } catch (err) {
        return [`${o.kind} ${o.metadata.name}: ${(err as Error).message}`];
      }
    });
    expect(failures).to.deep.equal([]);
  });

  it('no two objects of a kind share a name', () => {
    const keys = objectsOf().map((o) => `${o.kind}/${o.metadata.name}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).to.deep.equal([]);
  });

  it("each service's container sets only settings its config schema reads, every one it must, validly", () => {
    const ours = ourContainers(objectsOf());
    expect(ours.map((c) => c.service.name)).to.include.members(['feature-updater', 'scorer', 'ops']);
    for (const c of ours)
      expect(settingsProblems(c.service, c.env), `${c.workload.metadata.name}`).to.deep.equal([]);
  });

  it('no pod gets service-link variables (FOO_SERVICE_HOST, FOO_PORT, ...) in its environment', () => {
    for (const { workload, template } of workloads(objectsOf()))
      expect(template.spec.enableServiceLinks, workload.metadata.name).to.equal(false);
  });

  it('probes check the declared admin port on paths the real admin server answers with 200', async () => {
    const withAdmin = ourContainers(objectsOf()).filter((c) => c.service.settings.includes('ADMIN_PORT'));
    expect(withAdmin).to.have.length.greaterThan(0);
    for (const { container, env, workload } of withAdmin) {
      const where = workload.metadata.name;
      expect(declaredPort(container, 'admin'), `${where} admin port`).to.equal(Number(env.ADMIN_PORT));
      expect(container.startupProbe?.httpGet, `${where} startupProbe`).to.not.equal(undefined);
      expect(container.livenessProbe?.httpGet, `${where} livenessProbe`).to.not.equal(undefined);
      expect(container.readinessProbe, `${where} readinessProbe`).to.not.equal(undefined);
      for (const [kind, probe] of probesOf(container)) {
        if (!probe.httpGet) continue;
        expect(declaredPort(container, probe.httpGet.port), `${where} ${kind} port`).to.equal(
          Number(env.ADMIN_PORT),
        );
        const res = await fetch(`http://127.0.0.1:${admin.port}${probe.httpGet.path ?? '/'}`);
        expect(res.status, `${where} ${kind} ${probe.httpGet.path}`).to.equal(200);
      }
    }
  });

  it('the scorer is ready by grpc.health.v1 on its gRPC port, for a service the real server reports', async () => {
    const { container, env } = the(objectsOf(), 'scorer');
    const grpc = container.readinessProbe?.grpc;
    expect(grpc, 'grpc readinessProbe').to.not.equal(undefined);
    expect(grpc!.port).to.equal(Number(env.GRPC_PORT));
    expect(declaredPort(container, grpc!.port)).to.equal(Number(env.GRPC_PORT));
    expect(await healthStatus(`127.0.0.1:${grpcServer.port}`, grpc!.service ?? '')).to.equal('SERVING');
  });

  it('containers run as a non-root user, without privileges, read-only where they can, with resources', () => {
    for (const { workload, template } of workloads(objectsOf())) {
      const where = workload.metadata.name;
      expect(template.spec.securityContext?.runAsNonRoot, `${where} runAsNonRoot`).to.equal(true);
      expect(template.spec.securityContext?.runAsUser, `${where} runAsUser`).to.be.greaterThan(0);
      for (const c of [...template.spec.containers, ...(template.spec.initContainers ?? [])]) {
        const sc = c.securityContext ?? {};
        expect(sc.allowPrivilegeEscalation, `${where}/${c.name}`).to.equal(false);
        expect(sc.capabilities?.drop, `${where}/${c.name}`).to.deep.equal(['ALL']);
        if (!WRITABLE_ROOT[c.name]) expect(sc.readOnlyRootFilesystem, `${where}/${c.name}`).to.equal(true);
        expect(c.resources?.requests, `${where}/${c.name}`).to.include.keys('cpu', 'memory');
        expect(c.resources?.limits, `${where}/${c.name}`).to.include.keys('memory');
      }
    }
  });

  it('the grace period outlasts the preStop pause (which counts against it)', () => {
    for (const { workload, template } of workloads(objectsOf()))
      for (const c of template.spec.containers) {
        const command = c.lifecycle?.preStop?.exec?.command;
        if (!command) continue;
        expect(command[0], `${workload.metadata.name} preStop`).to.equal('sleep');
        expect(template.spec.terminationGracePeriodSeconds ?? 30).to.be.greaterThan(Number(command[1]));
      }
  });

  it('Services select pods and target ports their containers declare; PodDisruptionBudgets select pods', () => {
    const objects = objectsOf();
    const pods = workloads(objects);
    for (const svc of objects.filter((o) => o.kind === 'Service')) {
      const spec = svc.spec as { selector: Record<string, string>; ports: { targetPort: string | number }[] };
      const selected = pods.filter((p) => selects(spec.selector, p.template.metadata?.labels));
      expect(selected, `pods of Service ${svc.metadata.name}`).to.have.length.greaterThan(0);
      for (const port of spec.ports)
        for (const p of selected)
          expect(
            p.template.spec.containers.some((c) => declaredPort(c, port.targetPort) !== undefined),
            `Service ${svc.metadata.name} targetPort ${port.targetPort}`,
          ).to.equal(true);
    }
    for (const pdb of objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
      const selector = (pdb.spec as { selector: { matchLabels: Record<string, string> } }).selector
        .matchLabels;
      expect(
        pods.some((p) => selects(selector, p.template.metadata?.labels)),
        pdb.metadata.name,
      ).to.equal(true);
    }
  });

  it("each KEDA ScaledObject reads brokers, group and topic from its target's environment; ceiling = partitions", () => {
    const objects = objectsOf();
    const scaled = objects.filter((o) => o.kind === 'ScaledObject');
    expect(scaled.map((s) => s.metadata.name)).to.include.members(['feature-updater']);
    for (const so of scaled) {
      const spec = so.spec as {
        scaleTargetRef: { name: string; envSourceContainerName?: string };
        maxReplicaCount: number;
        triggers: { type: string; metadata: Record<string, string> }[];
      };
      const target = objects.find(
        (o) => o.kind === 'Deployment' && o.metadata.name === spec.scaleTargetRef.name,
      );
      expect(target, `target of ${so.metadata.name}`).to.not.equal(undefined);
      expect(target!.spec, 'a Deployment KEDA scales sets no replicas').to.not.have.property('replicas');
      const c = ourContainers(objects).find(
        (x) => x.workload === target && x.container.name === spec.scaleTargetRef.envSourceContainerName,
      );
      expect(c, `envSourceContainerName of ${so.metadata.name}`).to.not.equal(undefined);
      const kafka = spec.triggers.filter((t) => t.type === 'kafka');
      expect(kafka, `kafka triggers of ${so.metadata.name}`).to.have.length(1);
      const m = kafka[0]!.metadata;
      const brokers = c!.env[m.bootstrapServersFromEnv!];
      expect(brokers).to.equal(c!.env.KAFKA_BROKERS);
      // The KEDA operator resolves these names from its own namespace.
      for (const b of brokers!.split(',')) expect(b.split(':')[0], 'broker host').to.contain('.');
      expect(c!.env[m.consumerGroupFromEnv!], 'consumer group').to.be.a('string').and.not.equal('');
      const partitionsSetting = PARTITIONS_OF[m.topicFromEnv!];
      expect(partitionsSetting, `topicFromEnv ${m.topicFromEnv}`).to.be.a('string');
      expect(c!.env[m.topicFromEnv!], 'topic').to.be.a('string');
      expect(spec.maxReplicaCount, `${so.metadata.name} maxReplicaCount`).to.equal(
        Number(c!.env[partitionsSetting!]),
      );
      // The consumers read a new group's partitions from the beginning (BatchRunner), so lag does.
      expect(m.offsetResetPolicy).to.equal('earliest');
      expect(Number(m.lagThreshold)).to.be.greaterThan(0);
    }
  });

  it('ops measures the groups the updater and scorer use and scrapes every replica through headless Services', () => {
    const objects = objectsOf();
    const ops = the(objects, 'ops').env;
    const updater = the(objects, 'feature-updater').env;
    const scorer = the(objects, 'scorer').env;
    const groups = monitoredGroups(ops.LAG_GROUPS!.split(','));
    expect(groups).to.deep.include({ group: updater.UPDATER_GROUP_ID, topics: [updater.TOPIC_PURCHASES] });
    expect(groups).to.deep.include({
      group: scorer.SCORER_GROUP_ID,
      topics: [scorer.TOPIC_FEATURES_CHANGED],
    });
    for (const { name, url, everyAddress } of parseTargets(readOpsConfig(ops).SCRAPE_TARGETS)) {
      const { hostname, port, pathname } = new URL(url);
      expect(pathname).to.equal('/metrics');
      expect(everyAddress, `${name} scraped at every address`).to.equal(true);
      const svc = objects.find((o) => o.kind === 'Service' && o.metadata.name === hostname);
      expect(svc, `Service ${hostname}`).to.not.equal(undefined);
      const spec = svc!.spec as {
        clusterIP?: string;
        publishNotReadyAddresses?: boolean;
        ports: { port: number }[];
        selector: Record<string, string>;
      };
      // Headless: DNS answers with each pod's address, not one virtual IP.
      expect(spec.clusterIP, `${hostname} headless`).to.equal('None');
      expect(spec.publishNotReadyAddresses, `${hostname} lists pods not ready`).to.equal(true);
      expect(spec.ports.map((p) => p.port)).to.include(Number(port));
      const target = the(objects, name);
      expect(selects(spec.selector, podTemplate(target.workload)!.metadata?.labels ?? {})).to.equal(true);
      expect(Number(port)).to.equal(Number(target.env.ADMIN_PORT));
    }
  });

  it('the updater and scorer share Kafka, Redis, its key layout and the features.changed topic', () => {
    const objects = objectsOf();
    const updater = the(objects, 'feature-updater').env;
    const scorer = the(objects, 'scorer').env;
    for (const k of [
      'KAFKA_BROKERS',
      'REDIS_URL',
      'REDIS_KEY_PREFIX',
      'PROFILE_BUCKETS',
      'TOPIC_FEATURES_CHANGED',
      'FEATURES_CHANGED_PARTITIONS',
    ])
      expect(scorer[k], k).to.equal(updater[k]);
  });

  it('the scorer mounts a models volume, read-only, at MODELS_DIR', () => {
    const objects = objectsOf();
    const { container, env, workload } = the(objects, 'scorer');
    const mount = container.volumeMounts?.find((m) => m.mountPath === env.MODELS_DIR);
    expect(mount?.readOnly).to.equal(true);
    const claim = podTemplate(workload)!.spec.volumes!.find(
      (v) => v.name === mount!.name,
    )!.persistentVolumeClaim;
    expect(
      objects.some((o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === claim?.claimName),
    ).to.equal(true);
  });
}

describe('the rescore Job (infra/k8s/jobs/rescore-job.yaml)', () => {
  const job = parseManifestFile(join(K8S_DIR, 'jobs', 'rescore-job.yaml'))[0] as K8sObject;
  const spec = job.spec as { completionMode?: string; completions?: number; parallelism?: number };
  const container = podTemplate(job)!.spec.containers[0]!;

  it('validates against the Kubernetes schema', () => validateAgainstSchema(job));

  it('gives each pod of an Indexed Job its own shard, and the shards cover every bucket once', () => {
    expect(spec.completionMode).to.equal('Indexed');
    const index = container.env?.find((e) => container.command!.join(' ').includes(`$(${e.name})`));
    expect(index?.valueFrom?.fieldRef?.fieldPath).to.equal(
      "metadata.annotations['batch.kubernetes.io/job-completion-index']",
    );
    const buckets = readScorerConfig(containerEnv({ ...container, env: [] }, baseObjects())).PROFILE_BUCKETS;
    const shardArg = container.command![container.command!.indexOf('--shard') + 1]!;
    let next = 0;
    for (let k = 0; k < spec.completions!; k++) {
      const range = parseShard(shardArg.replace(`$(${index!.name})`, String(k)), buckets);
      expect(range.first, `shard ${k}`).to.equal(next);
      next = range.end;
    }
    expect(next).to.equal(buckets);
  });

  it("runs the rescore command with the scorer's settings, image tag and models volume", () => {
    expect(container.command!.slice(0, 2)).to.deep.equal(['node', 'dist/services/scorer/cli/rescore.js']);
    const pkg = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { version: string };
    expect(container.image).to.equal(`creditscore:${pkg.version}`);
    const env = containerEnv({ ...container, env: [] }, baseObjects());
    const scorer = deployableService('scorer');
    expect(Object.keys(env).filter((k) => !scorer.settings.includes(k))).to.deep.equal([]);
    const config = readScorerConfig(env);
    const mount = container.volumeMounts?.find((m) => m.mountPath === config.MODELS_DIR);
    expect(mount?.readOnly).to.equal(true);
    const claim = podTemplate(job)!.spec.volumes!.find((v) => v.name === mount!.name)!;
    expect(claim.persistentVolumeClaim?.claimName).to.equal('creditscore-models');
    expect(container.securityContext).to.deep.include({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
  });
});
