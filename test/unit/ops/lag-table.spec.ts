import { expect } from 'chai';
import { formatLagTable } from '../../../services/common/ops/lag/lag-table';
import { monitoredGroups } from '../../../services/ops/config';

describe('lag table and group settings', () => {
  it('prints kafka-consumer-groups style columns, one row per partition', () => {
    const text = formatLagTable({
      at: 0,
      groups: [
        {
          group: 'feature-updater',
          state: 'Stable',
          members: 1,
          status: 'WARN',
          lagSum: 12,
          lagSecondsMax: 3.25,
          partitions: [
            {
              topic: 'purchases',
              partition: 0,
              committed: 88,
              end: 100,
              start: 0,
              lag: 12,
              lagSeconds: 3.25,
              status: 'WARN',
              owner: { memberId: 'm-1', clientId: 'creditscore-updater', host: '/127.0.0.1' },
            },
            {
              topic: 'purchases',
              partition: 1,
              committed: null,
              end: 0,
              start: 0,
              lag: 0,
              lagSeconds: 0,
              status: 'OK',
            },
          ],
        },
      ],
    });
    const lines = text.trim().split('\n');
    expect(lines[0]).to.contain("Consumer group 'feature-updater': status WARN").and.contain('lag 12');
    expect(lines[2]!.split(/\s+/)).to.deep.equal([
      'GROUP',
      'TOPIC',
      'PARTITION',
      'CURRENT-OFFSET',
      'LOG-END-OFFSET',
      'LAG',
      'LAG-SECONDS',
      'STATUS',
      'CONSUMER-ID',
      'HOST',
      'CLIENT-ID',
    ]);
    expect(lines[3]!.split(/\s+/)).to.deep.equal([
      'feature-updater',
      'purchases',
      '0',
      '88',
      '100',
      '12',
      '3.3',
      'WARN',
      'm-1',
      '/127.0.0.1',
      'creditscore-updater',
    ]);
    expect(lines[4]!.split(/\s+/).slice(0, 8)).to.deep.equal([
      'feature-updater',
      'purchases',
      '1',
      '-',
      '0',
      '0',
      '0.0',
      'OK',
    ]);
  });

  it('reads LAG_GROUPS entries as group=topic, merged per group', () => {
    expect(monitoredGroups(['a=t1', 'b=t2', 'a=t3', 'odd=name=t4', 'bare'])).to.deep.equal([
      { group: 'a', topics: ['t1', 't3'] },
      { group: 'b', topics: ['t2'] },
      { group: 'odd=name', topics: ['t4'] },
      { group: 'bare', topics: [] },
    ]);
  });
});
