#!/usr/bin/env python3
"""Regenerates the cross-implementation Avro vectors that test/unit/avro checks our codec against.

    pip install avro==1.12.2        # the Python cross-check
    python3 test/vectors/generate_avro_vectors.py

Needs Java 17+ and Maven (to fetch org.apache.avro:avro:1.12.0 from Maven Central).

The reference is Apache Avro for Java (AvroVectors.java beside this file): its SchemaNormalization
is what the specification's Parsing Canonical Form was written from, and its BinaryMessageEncoder
is the single-object encoder most producers use. Apache Avro for Python is a second opinion,
recorded next to each answer; where it disagrees (logical types: Python keeps
{"type":"long"} where the specification reduces to "long") the file says so, and the Java answer
stays the expected one.

Writes:
  avro-fingerprints.json   CRC-64-AVRO of raw strings; canonical form and fingerprint of spec-style
                           schemas and of every schemas/*.avsc
  avro-single-object.json  Java's single-object bytes for sample events of each schema version
"""

import datetime
import io
import json
import pathlib
import subprocess
import sys
import tempfile
import warnings

import avro
import avro.errors
import avro.io
import avro.schema

# Python avro warns about logical types it does not implement; the schemas are valid regardless.
warnings.filterwarnings('ignore', category=avro.errors.IgnoredLogicalType)

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
AVRO_JAVA = 'org.apache.avro:avro:1.12.0'

CRC64_INPUTS = ['', 'a', '"null"', '"long"', '{"type":"long"}', 'The quick brown fox jumps over the lazy dog', '信用分 🙂']

# Cases in the spirit of the specification's, each aimed at one transformation or one trap.
SPEC_CASES = {
    **{f'primitive {name}': name for name in ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']},
    'primitive as object': {'type': 'int'},
    'primitive with a custom property': {'type': 'string', 'avro.java.string': 'String'},
    'timestamp-millis': {'type': 'long', 'logicalType': 'timestamp-millis'},
    'timestamp-micros': {'type': 'long', 'logicalType': 'timestamp-micros'},
    'local-timestamp-millis': {'type': 'long', 'logicalType': 'local-timestamp-millis'},
    'date': {'type': 'int', 'logicalType': 'date'},
    'uuid': {'type': 'string', 'logicalType': 'uuid'},
    'decimal on bytes': {'type': 'bytes', 'logicalType': 'decimal', 'precision': 12, 'scale': 2},
    'record with logical types, docs, aliases, defaults and order': {
        'type': 'record',
        'name': 'Payment',
        'namespace': 'com.example.pay',
        'doc': 'A settled payment.',
        'aliases': ['OldPayment'],
        'x-owner': 'payments',
        'fields': [
            {'name': 'id', 'type': {'type': 'string', 'logicalType': 'uuid'}, 'doc': 'Payment id.'},
            {'name': 'at', 'type': {'type': 'long', 'logicalType': 'timestamp-millis'}},
            {'name': 'day', 'type': {'type': 'int', 'logicalType': 'date'}, 'default': 0},
            {'name': 'amount', 'type': {'type': 'bytes', 'logicalType': 'decimal', 'precision': 12, 'scale': 2}},
            {
                'name': 'settledAt',
                'type': ['null', {'type': 'long', 'logicalType': 'timestamp-micros'}],
                'default': None,
                'order': 'ignore',
                'aliases': ['settled'],
            },
        ],
    },
    'enum with default, doc and aliases': {
        'type': 'enum',
        'name': 'Suit',
        'namespace': 'cards',
        'doc': 'Card suits.',
        'aliases': ['OldSuit'],
        'symbols': ['SPADES', 'HEARTS', 'DIAMONDS', 'CLUBS'],
        'default': 'SPADES',
    },
    'nested records, namespaces and references': {
        'type': 'record',
        'name': 'Order',
        'namespace': 'shop',
        'fields': [
            {'name': 'buyer', 'type': {'type': 'record', 'name': 'Party', 'fields': [{'name': 'id', 'type': 'string'}]}},
            {'name': 'seller', 'type': 'Party'},
            {'name': 'courier', 'type': 'shop.Party'},
            {
                'name': 'address',
                'type': {
                    'type': 'record',
                    'name': 'geo.Address',
                    'fields': [
                        {'name': 'line', 'type': 'string'},
                        {'name': 'zone', 'type': {'type': 'enum', 'name': 'Zone', 'symbols': ['A', 'B']}},
                    ],
                },
            },
            {
                'name': 'billing',
                'type': {
                    'type': 'record',
                    'name': 'Billing',
                    'namespace': '',
                    'fields': [{'name': 'address', 'type': 'geo.Address'}, {'name': 'zone', 'type': 'geo.Zone'}],
                },
            },
        ],
    },
    'unqualified reference to the null namespace': {
        'type': 'record',
        'name': 'Outer',
        'namespace': 'a',
        'fields': [
            {'name': 'first', 'type': {'type': 'record', 'name': 'R', 'namespace': '', 'fields': []}},
            {'name': 'again', 'type': 'R'},
        ],
    },
    'recursive record': {
        'type': 'record',
        'name': 'LongList',
        'aliases': ['LinkedLongs'],
        'fields': [{'name': 'value', 'type': 'long'}, {'name': 'next', 'type': ['null', 'LongList']}],
    },
    'array': {'type': 'array', 'items': 'string'},
    'array of timestamps': {'type': 'array', 'items': {'type': 'long', 'logicalType': 'timestamp-millis'}},
    'map of arrays': {'type': 'map', 'values': {'type': 'array', 'items': 'int'}},
    'fixed with aliases': {'type': 'fixed', 'name': 'MD5', 'namespace': 'org.example', 'size': 16, 'aliases': ['Hash']},
    'fixed decimal': {'type': 'fixed', 'name': 'Money', 'size': 8, 'logicalType': 'decimal', 'precision': 18, 'scale': 4},
    'union': [
        'null',
        'string',
        {'type': 'long', 'logicalType': 'timestamp-millis'},
        {'type': 'record', 'name': 'R', 'fields': [{'name': 'x', 'type': 'int'}]},
        {'type': 'array', 'items': 'R'},
        {'type': 'map', 'values': {'type': 'enum', 'name': 'E', 'symbols': ['X', 'Y'], 'default': 'X'}},
    ],
}

EVENT = {
    'eventId': '6f1c9a52-3d0e-4c1b-9d7e-2a8b5f0c4e11',
    'userId': 'u-10000042',
    'eventTime': 1718000000123,
    'type': 'ORDER',
    'orderId': 'o-2024-0610-88817',
    'amountMinor': 239900,
    'currency': 'CNY',
    'itemCount': 3,
    'category': 'ELECTRONICS',
    'merchantId': '店铺-88',
    'paymentMethod': 'INSTALMENT_CREDIT',
    'channel': 'MINI_PROGRAM',
    'deviceId': 'd-5e884898da28',
    'timeZone': 'Asia/Shanghai',
}
DATUMS = [
    ('purchase-event v1 full', 'purchase-event', 1, EVENT),
    (
        'purchase-event v1 nulls, large amount',
        'purchase-event',
        1,
        {**EVENT, 'type': 'RETURN', 'amountMinor': 9_999_999_999, 'deviceId': None, 'timeZone': None, 'category': 'OTHER'},
    ),
    ('purchase-event v2 with discount', 'purchase-event', 2, {**EVENT, 'discountMinor': 30000}),
    ('purchase-event v2 without discount', 'purchase-event', 2, {**EVENT, 'channel': 'WEB', 'discountMinor': None}),
    (
        'features-changed v1',
        'features-changed',
        1,
        {
            'userId': 'u-10000042',
            'featureVersion': 81234567,
            'lastEventTime': 1718000000123,
            'updatedAt': 1718000000456,
            'sourcePartition': 7,
            'sourceOffset': 81234567,
        },
    ),
]


def java_classpath(workdir: pathlib.Path) -> str:
    group, artifact, version = AVRO_JAVA.split(':')
    (workdir / 'pom.xml').write_text(
        f"""<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>vectors</groupId><artifactId>vectors</artifactId><version>0</version>
<dependencies><dependency><groupId>{group}</groupId><artifactId>{artifact}</artifactId><version>{version}</version></dependency></dependencies>
</project>"""
    )
    out = workdir / 'classpath.txt'
    mvn = subprocess.run(
        ['mvn', '-q', '-B', 'dependency:build-classpath', f'-Dmdep.outputFile={out}'],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    if mvn.returncode != 0:
        sys.exit(f'mvn could not resolve {AVRO_JAVA}:\n{mvn.stdout}{mvn.stderr}')
    return out.read_text().strip()


def run_java(request: dict) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        classpath = java_classpath(pathlib.Path(tmp))
        result = subprocess.run(
            ['java', '-cp', classpath, str(HERE / 'AvroVectors.java')],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(result.stdout)


def python_opinion(schema, java: dict) -> dict:
    try:
        parsed = avro.schema.parse(json.dumps(schema))
        canonical, fingerprint_le = parsed.canonical_form, parsed.fingerprint().hex()
    except Exception as err:  # a parse failure is an opinion too
        return {'agrees': False, 'error': f'{type(err).__name__}: {err}'}
    if canonical == java['canonicalForm'] and fingerprint_le == java['fingerprintLE']:
        return {'agrees': True}
    return {'agrees': False, 'canonicalForm': canonical, 'fingerprintLE': fingerprint_le}


def to_python_value(schema, value):
    """Our JS shape (unwrapped unions, epoch-ms numbers) to what Python avro's DatumWriter accepts."""
    if isinstance(schema, dict) and schema.get('type') == 'record':
        return {f['name']: to_python_value(f['type'], value[f['name']]) for f in schema['fields'] if f['name'] in value}
    if isinstance(schema, list):
        return None if value is None else to_python_value(next(b for b in schema if b != 'null'), value)
    if isinstance(schema, dict) and schema.get('logicalType') == 'timestamp-millis':
        return datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(milliseconds=value)
    return value


def to_avro_json(schema, value):
    """Our JS shape to the Avro JSON encoding Java's JsonDecoder reads (unions as {"branch": value})."""
    if isinstance(schema, dict) and schema.get('type') == 'record':
        return {f['name']: to_avro_json(f['type'], value[f['name']]) for f in schema['fields']}
    if isinstance(schema, list):
        if value is None:
            return None
        branch = next(b for b in schema if b != 'null')
        return {branch if isinstance(branch, str) else branch['type']: to_avro_json(branch, value)}
    return value


def python_single_object(schema, fingerprint_le: str, value) -> str:
    """The recipe docs/events.md gives Python producers: header with the published fingerprint + datum."""
    out = io.BytesIO()
    out.write(b'\xc3\x01' + bytes.fromhex(fingerprint_le))
    avro.io.DatumWriter(avro.schema.parse(json.dumps(schema))).write(
        to_python_value(schema, value), avro.io.BinaryEncoder(out)
    )
    return out.getvalue().hex()


def main() -> None:
    project_schemas = {
        f'schemas/{path.name}': json.loads(path.read_text()) for path in sorted((ROOT / 'schemas').glob('*.avsc'))
    }
    schema_cases = {**SPEC_CASES, **project_schemas}
    datums = [
        (name, family, version, project_schemas[f'schemas/{family}.v{version}.avsc'], value)
        for name, family, version, value in DATUMS
    ]
    java = run_java(
        {
            'crc64Inputs': CRC64_INPUTS,
            'schemas': [{'name': name, 'schema': schema} for name, schema in schema_cases.items()],
            'datums': [
                {'name': name, 'schema': schema, 'avroJson': to_avro_json(schema, value)}
                for name, _, _, schema, value in datums
            ],
        }
    )
    python_version = avro.__version__
    header = {
        'generatedBy': 'test/vectors/generate_avro_vectors.py',
        'reference': f"Apache Avro for Java {java['avroVersion']}",
        'crossCheck': f'Apache Avro for Python {python_version} (avro on PyPI)',
    }

    crc64 = []
    for case in java['crc64']:
        python_le = avro.schema._crc_64_fingerprint(case['input'].encode('utf-8')).hex()
        crc64.append({**case, 'python': {'agrees': python_le == case['fingerprintLE']}})
    schemas = []
    for (name, schema), answer in zip(schema_cases.items(), java['schemas'], strict=True):
        assert answer['name'] == name
        schemas.append({**answer, 'schema': schema, 'python': python_opinion(schema, answer)})
    fingerprints = {
        **header,
        'fingerprints': 'fingerprint: unsigned 64-bit hex; fingerprintLE: the 8 wire bytes (little-endian) in hex',
        'crc64': crc64,
        'schemas': schemas,
    }
    (HERE / 'avro-fingerprints.json').write_text(json.dumps(fingerprints, indent=2, ensure_ascii=False) + '\n')

    fingerprint_of = {case['name']: case['fingerprintLE'] for case in schemas}
    single_objects = []
    for (name, family, version, schema, value), answer in zip(datums, java['datums'], strict=True):
        python_bytes = python_single_object(schema, fingerprint_of[f'schemas/{family}.v{version}.avsc'], value)
        single_objects.append(
            {
                'name': name,
                'family': family,
                'version': version,
                'value': value,
                'singleObject': answer['singleObject'],
                'python': {'agrees': python_bytes == answer['singleObject']},
            }
        )
    (HERE / 'avro-single-object.json').write_text(
        json.dumps({**header, 'datums': single_objects}, indent=2, ensure_ascii=False) + '\n'
    )
    # The repository's formatter owns the layout of its JSON files.
    subprocess.run(['npx', 'prettier', '--write', 'test/vectors/*.json'], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    disagreements = [case['name'] for case in schemas if not case['python']['agrees']]
    print(f'{len(crc64)} CRC inputs, {len(schemas)} schemas, {len(single_objects)} datums; Python disagrees on: {disagreements}')


if __name__ == '__main__':
    main()
