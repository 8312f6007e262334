// The feature definition's public face: one pure module shared by the feature-updater (online,
// state in Redis) and the trainer (offline replay), so both compute identical vectors.
export { apply, applyInPlace, eventIdHash, DEFAULT_TIME_ZONE, NIGHT_END_HOUR } from './apply';
export type { ApplyOutcome, ApplyResult, ApplyOptions } from './apply';
export { extract, extractInto } from './extract';
export {
  FEATURES,
  FEATURE_COUNT,
  FEATURE_DEFINITION_REVISION,
  FEATURE_INDEX,
  FEATURE_NAMES,
  FEATURE_SET_VERSION,
} from './catalogue';
export type { FeatureDefinition, FeatureFamily, FeatureName, FeatureUnit } from './catalogue';
export {
  ENCODED_STATE_BYTES,
  STATE_ENCODING_VERSION,
  StateDecodeError,
  decodeState,
  encodeState,
} from './codec';
export { cloneState, emptyState, isEmptyState, latestEventTimeMs, RECENT_ID_COUNT } from './state';
export type { ProfileState } from './state';
export { CATEGORY_GROUPS, CATEGORY_GROUP_OF } from './category-groups';
export type { CategoryGroup } from './category-groups';
export { DEFAULT_ALLOWED_LATENESS_MS } from './windows';
