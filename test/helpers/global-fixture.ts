// Mocha global fixture: make sure the broker and Redis are up once per run (start-or-reuse).
// infra/local/test.sh has usually started them already; then this only checks.
import { execFileSync } from 'node:child_process';
import { projectPath } from '../../services/common/paths';

export function mochaGlobalSetup(): void {
  execFileSync('bash', [projectPath('infra', 'local', 'up.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
}
