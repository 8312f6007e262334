// Where the real Kafka broker and Redis of this test run are. infra/local/up.sh starts them
// (global-fixture.ts calls it); KAFKA_BROKERS / REDIS_URL point the tests elsewhere.
export const TEST_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:16379';
