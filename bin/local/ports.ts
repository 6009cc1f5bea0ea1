import { createServer } from 'node:net';

export const LOCAL_HOST = '127.0.0.1';

/**
 * A port on 127.0.0.1 that is free right now: `preferred` if it is, else one the OS
 * picks. For services that must be told their port before they start (DynamoDB Local,
 * cognito-local); the gap until they bind is milliseconds.
 */
export async function freePort(preferred = 0): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(port, LOCAL_HOST, () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address ? address.port : port;
        server.close(() => resolve(chosen));
      });
    });
  if (preferred) {
    try {
      return await tryPort(preferred);
    } catch {
      // taken: fall through to any free port
    }
  }
  return tryPort(0);
}
