// Reading Kubernetes manifests without a cluster: strict YAML parsing (as the API server's YAML 1.1
// reader sees the values), `kubectl kustomize` rendering when kubectl is installed, validation
// against the Kubernetes and KEDA OpenAPI schemas (kubernetes-models), and the environment a
// container would get from its env and envFrom.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { Model } from '@kubernetes-models/base';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { findBinary } from './system-packages';

/** The fields of Kubernetes objects the tests read; everything else stays `unknown`. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  [field: string]: unknown;
}

export interface Probe {
  httpGet?: { path?: string; port: number | string };
  grpc?: { port: number; service?: string };
  tcpSocket?: { port: number | string };
  exec?: { command: string[] };
}

export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: {
      configMapKeyRef?: { name: string; key: string };
      secretKeyRef?: { name: string; key: string };
      fieldRef?: { fieldPath: string };
    };
  }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string }; prefix?: string }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: Probe };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  terminationGracePeriodSeconds?: number;
  enableServiceLinks?: boolean;
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[];
}

export interface PodTemplate {
  metadata?: { labels?: Record<string, string> };
  spec: PodSpec;
}

/**
 * Every YAML document of a file, parsed as strictly as the yaml package allows: YAML 1.1 (the
 * API server's reader, where `yes` and `on` are booleans), duplicate keys are errors, and any
 * error or warning fails.
 */
export function parseManifestFile(path: string): unknown[] {
  const docs = parseAllDocuments(readFileSync(path, 'utf8'), {
    version: '1.1',
    uniqueKeys: true,
    strict: true,
    prettyErrors: true,
  });
  const list = Array.isArray(docs) ? docs : [docs];
  const problems = list.flatMap((d) => [...d.errors, ...d.warnings].map((e) => e.message));
  if (problems.length > 0) throw new Error(`${path}:\n${problems.join('\n')}`);
  return list.map((d) => d.toJS({ maxAliasCount: 0 }) as unknown).filter((o) => o !== null);
}

/** kubectl's path, or why there is none (the rendering tests skip then). */
export function kubectl(): { path?: string; why?: string } {
  const path = findBinary(['kubectl']);
  return path ? { path } : { why: 'kubectl is not installed (it renders the kustomizations)' };
}

/** The objects `kubectl kustomize <dir>` renders. */
export function renderKustomization(kubectlPath: string, dir: string): K8sObject[] {
  const out = execFileSync(kubectlPath, ['kustomize', dir], { encoding: 'utf8' });
  const docs = parseAllDocuments(out, { version: '1.1', uniqueKeys: true });
  return (Array.isArray(docs) ? docs : [docs]).map((d) => d.toJS() as K8sObject);
}

const MODELS: Record<string, new (data: never) => Model<unknown>> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
};

/**
 * Validates an object against the OpenAPI schema of its kind (Kubernetes 1.27 for the built-in
 * kinds, KEDA's CRD for ScaledObject): types, required fields, enums. Like the API server's own
 * schema, it does not reject unknown fields. Throws naming the problems.
 */
export function validateAgainstSchema(obj: K8sObject): void {
  const model = MODELS[`${obj.apiVersion}/${obj.kind}`];
  if (!model) throw new Error(`no schema known for ${obj.apiVersion} ${obj.kind}`);
  new model(obj as never).validate();
}

/** The pod template of a workload, or undefined for other kinds. */
export function podTemplate(obj: K8sObject): PodTemplate | undefined {
  if (!['Deployment', 'StatefulSet', 'Job'].includes(obj.kind)) return undefined;
  return obj.spec?.template as PodTemplate;
}

function stringMap(obj: K8sObject): Record<string, string> {
  const decoded = Object.fromEntries(
    Object.entries(obj.data ?? {}).map(([k, v]) =>
      obj.kind === 'Secret' ? [k, Buffer.from(v, 'base64').toString('utf8')] : [k, v],
    ),
  );
  return { ...decoded, ...(obj.stringData ?? {}) };
}

/**
 * The environment a container gets from env and envFrom, resolved against the ConfigMaps and
 * Secrets in `objects`; a reference to one that is not there, or to a missing key, throws.
 */
export function containerEnv(container: Container, objects: K8sObject[]): Record<string, string> {
  const source = (kind: 'ConfigMap' | 'Secret', name: string) => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`container ${container.name} refers to a missing ${kind} ${name}`);
    return stringMap(found);
  };
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    const values = from.configMapRef
      ? source('ConfigMap', from.configMapRef.name)
      : source('Secret', from.secretRef!.name);
    for (const [k, v] of Object.entries(values)) env[`${from.prefix ?? ''}${k}`] = v;
  }
  for (const e of container.env ?? []) {
    const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
    if (!ref) {
      env[e.name] = e.value ?? '';
      continue;
    }
    const values = source(e.valueFrom?.configMapKeyRef ? 'ConfigMap' : 'Secret', ref.name);
    if (values[ref.key] === undefined) throw new Error(`${ref.name} has no key ${ref.key} (${e.name})`);
    env[e.name] = values[ref.key]!;
  }
  return env;
}

/** The containerPort a probe or Service port refers to (by number or by name), if declared. */
export function declaredPort(container: Container, port: number | string): number | undefined {
  const p = (container.ports ?? []).find(
    (x) => (typeof port === 'number' ? x.containerPort : x.name) === port,
  );
  return p?.containerPort;
}

/** Whether a label selector selects a set of labels. */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string> = {}) {
  const pairs = Object.entries(selector ?? {});
  return pairs.length > 0 && pairs.every(([k, v]) => labels[k] === v);
}
