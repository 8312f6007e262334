// The deployable services' configuration schemas, for the tests that check deployment files
// (docker-compose.yml, infra/k8s) against what the services really read.
import { UPDATER_SETTINGS, readUpdaterConfig } from '../../services/feature-updater/config';
import { SCORER_SETTINGS, readScorerConfig } from '../../services/scorer/config';
import { OPS_SETTINGS, readOpsConfig } from '../../services/ops/config';
import { FEED_SETTINGS, readFeedConfig } from '../../services/shopper-feed/config';

export interface DeployableService {
  name: string;
  /** Its entry point under dist/services/. */
  main: string;
  /** Every environment variable its schema reads. */
  settings: string[];
  /** Reads (validates) a configuration; throws ConfigError naming a bad setting. */
  read: (env: NodeJS.ProcessEnv) => unknown;
  /**
   * Settings a deployment must set: their defaults point at this machine (127.0.0.1 brokers and
   * Redis, scrape targets), pick a random admin port (0), or leave the API without keys.
   */
  mustSet: string[];
}

export const DEPLOYABLE_SERVICES: DeployableService[] = [
  {
    name: 'feature-updater',
    main: 'feature-updater/main.js',
    settings: UPDATER_SETTINGS,
    read: readUpdaterConfig,
    mustSet: ['KAFKA_BROKERS', 'REDIS_URL', 'ADMIN_PORT'],
  },
  {
    name: 'scorer',
    main: 'scorer/main.js',
    settings: SCORER_SETTINGS,
    read: readScorerConfig,
    mustSet: ['KAFKA_BROKERS', 'REDIS_URL', 'ADMIN_PORT', 'GRPC_PORT', 'MODELS_DIR', 'API_KEYS'],
  },
  {
    name: 'ops',
    main: 'ops/main.js',
    settings: OPS_SETTINGS,
    read: readOpsConfig,
    mustSet: ['KAFKA_BROKERS', 'ADMIN_PORT', 'LAG_GROUPS', 'SCRAPE_TARGETS'],
  },
  {
    name: 'shopper-feed',
    main: 'shopper-feed/main.js',
    settings: FEED_SETTINGS,
    read: readFeedConfig,
    mustSet: ['KAFKA_BROKERS'],
  },
];

export function deployableService(name: string): DeployableService {
  const svc = DEPLOYABLE_SERVICES.find((s) => s.name === name);
  if (!svc) throw new Error(`no deployable service named ${name}`);
  return svc;
}

/** The service a container command runs (`node dist/services/<main>`), if any. */
export function serviceRunBy(command: readonly string[] | undefined): DeployableService | undefined {
  const line = (command ?? []).join(' ');
  return DEPLOYABLE_SERVICES.find((s) => line.includes(`dist/services/${s.main}`));
}

/** What is wrong with `env` for `svc`: unknown names, missing must-set names, or a bad value. */
export function settingsProblems(svc: DeployableService, env: Record<string, string>): string[] {
  const problems = [
    ...Object.keys(env)
      .filter((k) => !svc.settings.includes(k))
      .map((k) => `${k} is not a setting of ${svc.name}`),
    ...svc.mustSet.filter((k) => env[k] === undefined).map((k) => `${k} is not set`),
  ];
  try {
    svc.read(env);
  } catch (err) {
    problems.push((err as Error).message);
  }
  return problems;
}
