// Rolling out the version 2 updater over Redis full of version 1 profiles: a stored version 1
// profile (bytes written by main's version 1 code) takes the next events through the real updater
// and ends as a valid version 2 state, equal to the upgrade plus those events applied offline.
import { expect } from 'chai';
import { withKafka, groupLag } from '../../helpers/kafka';
import { withRedis } from '../../helpers/redis';
import { uniqueName } from '../../helpers/names';
import { waitFor } from '../../helpers/wait';
import { encodeEvent } from '../../helpers/pipeline';
import { newUpdaterSetup, startUpdaterInProcess } from '../../helpers/updater';
import { v1Fixture } from '../../helpers/state-v1-fixture';
import type { PurchaseEvent } from '../../../services/common/events/purchase-event';
import {
  ENCODED_STATE_BYTES,
  FEATURE_INDEX,
  STATE_ENCODING_VERSION,
  applyInPlace,
  decodeState,
  encodeState,
  extract,
  type FeatureName,
} from '../../../services/common/features';
import { ProfileStore } from '../../../services/common/redis/profile-store';

describe('feature-updater: version 1 profiles are upgraded (real Kafka + Redis)', () => {
  const k = withKafka();
  const r = withRedis();

  it('a stored version 1 profile plus new events ends as the version 2 state of both', async () => {
    const fixture = v1Fixture();
    const s = await newUpdaterSetup(k, r, 1);
    const user = uniqueName('u-v1');
    const mine = (e: PurchaseEvent): PurchaseEvent => ({ ...e, userId: user });
    const last = mine(fixture.eventsBefore[fixture.eventsBefore.length - 1]!);
    const after = fixture.eventsAfter.map(mine);

    // What the version 1 updater left: its state as of the last event, which sits at offset 0.
    const store = new ProfileStore(r.redis, s.keys);
    const v1 = Buffer.from(fixture.v1State, 'hex');
    const lastEventSec = v1.readUInt32LE(1);
    expect(
      await store.write([{ userId: user, position: { partition: 0, offset: 0 }, lastEventSec, state: v1 }]),
    ).to.equal(1);
    // Kafka timestamps no earlier than the event times: the fixture's last events lie days ahead
    // of today, which the updater would dead-letter as from the future otherwise.
    await k.producer.send({
      topic: s.purchases,
      acks: -1,
      messages: [last, ...after].map((e) => ({
        key: e.userId,
        value: encodeEvent(e),
        timestamp: String(Math.max(Date.now(), e.eventTime)),
      })),
    });

    const updater = await startUpdaterInProcess(s);
    try {
      await waitFor(async () => (await groupLag(k.admin, s.groupId, s.purchases)) === 0, {
        what: `group ${s.groupId} to reach the end of ${s.purchases}`,
        timeoutMs: 90_000,
      });
    } finally {
      await updater.stop();
    }

    const stored = (await store.read([user])).get(user)!;
    expect(stored.position).to.deep.equal({ partition: 0, offset: after.length });
    expect(stored.state[0]).to.equal(STATE_ENCODING_VERSION);
    expect(stored.state.length).to.equal(ENCODED_STATE_BYTES);
    const expected = decodeState(v1);
    for (const e of after) expect(applyInPlace(expected, e)).to.equal('applied');
    expect(stored.state.equals(encodeState(expected))).to.equal(true);
    // The features version 1 served go on as version 1 computed them.
    const served = extract(decodeState(stored.state), fixture.readAfterMs);
    for (const [name, value] of Object.entries(fixture.v1FeaturesAfter)) {
      expect(served[FEATURE_INDEX[name as FeatureName]], name).to.equal(value);
    }
  });
});
