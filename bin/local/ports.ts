import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

export const LOCAL_HOST = '127.0.0.1';

/**
 * Where ports for services told their port before they start are drawn from: below Linux's
 * default ephemeral range (32768-60999). A port the OS hands out itself (listen(0), or the source
 * port of an outgoing connection) comes from that range, so in the gap until the service binds,
 * the services starting alongside cannot take the one chosen here (they did: cognito-local once
 * failed with EADDRINUSE on a port picked with listen(0)).
 */
export const CHOSEN_PORTS = { from: 20_000, to: 32_767 } as const;

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

/**
 * A port on 127.0.0.1 that is free right now: `preferred` if it is, else a free one from
 * CHOSEN_PORTS. For services that must be told their port before they start (DynamoDB Local,
 * cognito-local); the gap until they bind is short.
 */
export async function freePort(preferred = 0): Promise<number> {
  const candidates = [
    ...(preferred ? [preferred] : []),
    ...Array.from({ length: 20 }, () => randomInt(CHOSEN_PORTS.from, CHOSEN_PORTS.to + 1)),
  ];
  for (const port of candidates) {
    try {
      return await tryPort(port);
    } catch {
      // taken: the next candidate
    }
  }
  return tryPort(0);
}
