// Prints the SHA-256 an API_KEYS entry stores for a secret, or makes a new random secret:
//   node dist/services/scorer/cli/hash-api-key.js [secret]
import { randomBytes } from 'node:crypto';
import { hashApiKey } from '../grpc/api-keys';

const secret = process.argv[2] ?? `cs_${randomBytes(24).toString('base64url')}`;
if (!process.argv[2]) console.log(`secret (give it to the client, store it nowhere else): ${secret}`);
console.log(`sha256 (put it in API_KEYS): ${hashApiKey(secret)}`);
