// One profile -> one score record, as of the profile's own latest event time (never the wall
// clock), so scoring the same state with the same model always gives the same record: replays and
// rescores are idempotent. Pure apart from the reused feature buffer.
import { decodeState, extractInto, FEATURE_COUNT, latestEventTimeMs } from '../common/features';
import { score } from '../common/model';
import type { ProfileRecord } from '../common/redis/profile-record';
import type { ActiveModel } from './model-holder';
import type { ScoreRecord } from './score-record';

export class ProfileScorer {
  private readonly features = new Float64Array(FEATURE_COUNT);

  /** undefined for a profile with no event yet (nothing to score). */
  score(active: ActiveModel, profile: ProfileRecord, updatedAtMs: number): ScoreRecord | undefined {
    const state = decodeState(profile.state);
    const asOfMs = latestEventTimeMs(state);
    if (asOfMs === null) return undefined;
    extractInto(state, asOfMs, this.features);
    const result = score(active.model, this.features);
    return {
      partition: profile.position.partition,
      featureVersion: profile.position.offset,
      modelEpochMs: active.epochMs,
      modelVersion: result.modelVersion,
      points: result.points,
      probabilityOfDefault: result.probabilityOfDefault,
      asOfMs,
      updatedAtMs,
      reasonCodes: result.reasons.map((r) => r.code),
    };
  }
}
