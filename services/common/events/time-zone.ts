// Whether a time zone name is one the runtime's Intl (and so the feature code's local-time
// arithmetic) accepts: IANA names and their aliases, e.g. Asia/Shanghai, PRC, UTC.

// Constructing a DateTimeFormat costs ~70 us and this runs per event, so answers are cached. The
// cap bounds memory against a producer that sends endless distinct strings; past it, names are
// still checked, just not remembered.
const MAX_CACHED_ZONES = 10_000;
const cache = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  let valid = cache.get(zone);
  if (valid === undefined) {
    valid = acceptedByIntl(zone);
    if (cache.size < MAX_CACHED_ZONES) cache.set(zone, valid);
  }
  return valid;
}

function acceptedByIntl(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
