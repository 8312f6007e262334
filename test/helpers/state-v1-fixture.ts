// A profile state written by the version 1 feature code (main at beae684) and the feature values
// that code computed, for the upgrade tests: test/unit/features/state-v1/ says how it was made.
import { readFileSync } from 'node:fs';
import type { PurchaseEvent } from '../../services/common/events/purchase-event';
import { projectPath } from '../../services/common/paths';

export interface V1Fixture {
  /** The events the version 1 state reflects, in order. */
  eventsBefore: PurchaseEvent[];
  /** encodeState() of version 1 after eventsBefore, hex. */
  v1State: string;
  readAtMs: number;
  /** Version 1's 36 features of that state as of readAtMs. */
  v1FeaturesAtReadAt: Record<string, number>;
  /** Events after it (the upgrade happens in between). */
  eventsAfter: PurchaseEvent[];
  v1StateAfter: string;
  readAfterMs: number;
  /** Version 1's 36 features after eventsAfter too, as of readAfterMs. */
  v1FeaturesAfter: Record<string, number>;
}

export function v1Fixture(): V1Fixture {
  const path = projectPath('test', 'unit', 'features', 'state-v1', 'fixture.json');
  return JSON.parse(readFileSync(path, 'utf8')) as V1Fixture;
}
