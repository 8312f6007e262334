import { expect } from 'chai';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { defaultSchemaRegistry, SchemaRegistry } from '../../../services/common/avro/schema-registry';
import { ConfigError } from '../../../services/common/errors';
import type { FeaturesChanged } from '../../../services/common/events/features-changed';
import type { PurchaseEvent } from '../../../services/common/events/purchase-event';
import { projectPath } from '../../../services/common/paths';
import { samplePurchaseEvent, sampleV1PurchaseEvent } from '../events/sample-purchase-event';
import { expectInvalidEvent } from './expect-invalid-event';
import { schemaVector } from './vectors';

describe('schema registry', () => {
  const registry = defaultSchemaRegistry();
  const v1Reader = registry.codecFor<PurchaseEvent>('purchase-event', { readerVersion: 1 });
  const v2Reader = registry.codecFor<PurchaseEvent>('purchase-event');

  it('loads every version of each family from schemas/', () => {
    expect(registry.versionsOf('purchase-event').map((v) => v.version)).to.deep.equal([1, 2]);
    expect(registry.versionsOf('features-changed').map((v) => v.version)).to.deep.equal([1]);
    expect(v2Reader.versions).to.deep.equal([1, 2]);
  });

  it('fingerprints each schema file as Apache Avro for Java does', () => {
    for (const version of [
      ...registry.versionsOf('purchase-event'),
      ...registry.versionsOf('features-changed'),
    ]) {
      const vector = schemaVector(`schemas/${version.file}`);
      expect(version.canonicalForm, version.file).to.equal(vector.canonicalForm);
      expect(version.fingerprintLE.toString('hex'), version.file).to.equal(vector.fingerprintLE);
    }
  });

  it('reads with the newest version unless pinned', () => {
    expect(v2Reader.readerVersion).to.equal(2);
    expect(v1Reader.readerVersion).to.equal(1);
  });

  it('round-trips v1 -> v1', () => {
    const event = sampleV1PurchaseEvent({ deviceId: null, timeZone: null });
    expect(v1Reader.decode(v1Reader.encode(event))).to.deep.equal(event);
  });

  it('round-trips v2 -> v2, timestamps as epoch-millisecond numbers', () => {
    const event = samplePurchaseEvent({ discountMinor: 30000 });
    const decoded = v2Reader.decode(v2Reader.encode(event));
    expect(decoded).to.deep.equal(event);
    expect(decoded.eventTime).to.be.a('number');
  });

  it('reads a v1 writer with the v2 reader: discountMinor is null', () => {
    const decoded = v2Reader.decode(v2Reader.encode(sampleV1PurchaseEvent(), 1));
    expect(decoded).to.deep.equal(samplePurchaseEvent({ discountMinor: null }));
  });

  it('reads a v2 writer with a reader pinned to v1: the new field is dropped', () => {
    const decoded = v1Reader.decode(v2Reader.encode(samplePurchaseEvent({ discountMinor: 30000 })));
    expect(decoded).to.deep.equal(sampleV1PurchaseEvent());
    expect(decoded).not.to.have.property('discountMinor');
  });

  it('writes the reader version by default', () => {
    const v1Message = v1Reader.encode(sampleV1PurchaseEvent());
    expect(v1Message.subarray(2, 10).toString('hex')).to.equal(
      schemaVector('schemas/purchase-event.v1.avsc').fingerprintLE,
    );
  });

  it('round-trips features-changed', () => {
    const codec = registry.codecFor<FeaturesChanged>('features-changed');
    const notice: FeaturesChanged = {
      userId: 'u-1',
      featureVersion: 2 ** 40,
      lastEventTime: 1718000000123,
      updatedAt: 1718000000456,
      sourcePartition: 11,
      sourceOffset: 2 ** 40,
    };
    expect(codec.decode(codec.encode(notice))).to.deep.equal(notice);
  });

  it('caches codecs', () => {
    expect(registry.codecFor('purchase-event')).to.equal(v2Reader);
  });

  it('rejects an unknown family or version', () => {
    expect(() => registry.codecFor('no-such-event')).to.throw(ConfigError);
    expect(() => registry.codecFor('purchase-event', { readerVersion: 9 })).to.throw(ConfigError);
    expect(() => v2Reader.encode(samplePurchaseEvent(), 9)).to.throw(RangeError);
  });

  describe('with schemas of its own', () => {
    let dir: string;

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'schemas-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('does not know a version it has no file for: unknown_fingerprint', () => {
      copyFileSync(projectPath('schemas', 'purchase-event.v1.avsc'), join(dir, 'purchase-event.v1.avsc'));
      const v1Only = new SchemaRegistry(dir).codecFor('purchase-event');
      expect(v1Only.versions).to.deep.equal([1]);
      expectInvalidEvent(() => v1Only.decode(v2Reader.encode(samplePurchaseEvent())), 'unknown_fingerprint');
    });

    it('refuses, at start-up, a new version that cannot read an older one', () => {
      const v1 = JSON.parse(readFileSync(projectPath('schemas', 'purchase-event.v1.avsc'), 'utf8'));
      const breaking = { ...v1, fields: [...v1.fields, { name: 'requiredNew', type: 'long' }] };
      writeFileSync(join(dir, 'purchase-event.v1.avsc'), JSON.stringify(v1));
      writeFileSync(join(dir, 'purchase-event.v2.avsc'), JSON.stringify(breaking));
      expect(() => new SchemaRegistry(dir).codecFor('purchase-event')).to.throw(ConfigError, 'cannot read');
    });

    it('names the file of a schema that does not parse', () => {
      writeFileSync(join(dir, 'broken.v1.avsc'), '{"type": "record"');
      expect(() => new SchemaRegistry(dir)).to.throw(ConfigError, 'broken.v1.avsc');
    });

    it('fails clearly when the folder is missing', () => {
      expect(() => new SchemaRegistry(join(dir, 'missing'))).to.throw(ConfigError, 'cannot list');
    });
  });
});
