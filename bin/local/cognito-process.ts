/**
 * Runs cognito-local in its own Node process (started by cognito.ts with the cognito
 * data dir as working directory, where it reads `.cognito/config.json`). Exits when the
 * parent goes away, so a crashed runtime leaves no cognito-local behind.
 */
process.on('disconnect', () => process.exit(0));

await import('cognito-local/lib/bin/start.js');
