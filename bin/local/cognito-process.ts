/**
 * Runs cognito-local in its own Node process (started by cognito.ts with the cognito
 * data dir as working directory, where it reads `.cognito/config.json`), with the claims
 * trigger it calls (cognito-claims.ts) on `COGNITO_CLAIMS_PORT`. Exits when the parent goes
 * away, so a crashed runtime leaves no cognito-local behind.
 */
import { startClaimsTrigger } from './cognito-claims.js';

process.on('disconnect', () => process.exit(0));

await startClaimsTrigger(Number(process.env.COGNITO_CLAIMS_PORT));
await import('cognito-local/lib/bin/start.js');
