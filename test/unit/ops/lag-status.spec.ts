import { expect } from 'chai';
import { partitionStatus, worstStatus, type LagSample } from '../../../services/common/ops/lag/lag-status';

/** Samples from [consumed, lag] pairs, one second apart. */
const w = (...pairs: [number, number][]): LagSample[] =>
  pairs.map(([consumed, lag], i) => ({ at: i * 1000, consumed, lag }));
const opts = { windowSize: 4, groupHasMembers: true };

describe('Burrow-style partition status', () => {
  it('is OK when caught up now, or when lag touched zero within the window', () => {
    expect(partitionStatus(w([0, 5], [5, 5], [10, 5], [10, 0]), opts)).to.equal('OK');
    expect(partitionStatus(w([0, 0], [0, 3], [0, 3], [0, 3]), opts)).to.equal('OK');
  });

  it('is OK until the window is full (not yet enough evidence)', () => {
    expect(partitionStatus(w([0, 5], [0, 5]), opts)).to.equal('OK');
  });

  it('is WARN when offsets move but lag never falls and ends higher', () => {
    expect(partitionStatus(w([0, 5], [2, 8], [4, 8], [6, 12]), opts)).to.equal('WARN');
  });

  it('is OK when lag falls somewhere in the window, or only repeats', () => {
    expect(partitionStatus(w([0, 5], [2, 8], [4, 7], [6, 12]), opts)).to.equal('OK');
    expect(partitionStatus(w([0, 5], [2, 5], [4, 5], [6, 5]), opts)).to.equal('OK');
  });

  it('is STALL when offsets stop moving while members remain and lag remains', () => {
    expect(partitionStatus(w([3, 5], [3, 5], [3, 9], [3, 9]), opts)).to.equal('STALL');
  });

  it('is STOP when offsets stop moving and the group has no members', () => {
    expect(partitionStatus(w([3, 5], [3, 5], [3, 5], [3, 5]), { ...opts, groupHasMembers: false })).to.equal(
      'STOP',
    );
  });

  it('is REWIND when the committed offset went back', () => {
    expect(partitionStatus(w([10, 5], [4, 11]), opts)).to.equal('REWIND');
  });

  it('a group takes its worst partition status; no partitions at all is NOTFOUND', () => {
    expect(worstStatus(['OK', 'WARN', 'OK'])).to.equal('WARN');
    expect(worstStatus(['WARN', 'STOP', 'STALL'])).to.equal('STOP');
    expect(worstStatus([])).to.equal('NOTFOUND');
  });
});
