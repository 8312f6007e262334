import { expect } from 'chai';
import {
  intlOffsetMinutes,
  zoneFormatter,
  ZoneOffsets,
} from '../../../services/trainer/simulator/time-zones';

describe('simulator time zones', () => {
  const from = Date.UTC(2024, 0, 1);
  const to = Date.UTC(2025, 0, 1);

  for (const zone of ['Asia/Shanghai', 'Europe/London', 'America/Los_Angeles', 'Australia/Sydney']) {
    it(`tabulates the same offsets as Intl over a year in ${zone}`, () => {
      const table = new ZoneOffsets(zone, from, to);
      const f = zoneFormatter(zone);
      for (let t = from; t < to; t += 37 * 60_000 * 11) {
        expect(table.offsetAt(t)).to.equal(intlOffsetMinutes(f, t) * 60_000, new Date(t).toISOString());
      }
    });
  }

  it('converts wall clock to UTC and back outside DST gaps', () => {
    const london = new ZoneOffsets('Europe/London', from, to);
    const summerNoon = Date.UTC(2024, 6, 1, 12); // as wall clock
    expect(london.toUtc(summerNoon)).to.equal(Date.UTC(2024, 6, 1, 11));
    expect(london.toWall(london.toUtc(summerNoon))).to.equal(summerNoon);
    const shanghai = new ZoneOffsets('Asia/Shanghai', from, to);
    expect(shanghai.toUtc(Date.UTC(2024, 2, 1, 8))).to.equal(Date.UTC(2024, 2, 1, 0));
  });
});
