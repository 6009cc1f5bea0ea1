import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CHOSEN_PORTS, LOCAL_HOST, freePort } from '../../../bin/local/ports.js';

const servers: Server[] = [];
const listenOn = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, LOCAL_HOST, () => resolve(server));
    servers.push(server);
  });

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('ports for local services that are told their port before they start', () => {
  it('come from below the ephemeral range the OS hands out, and are free to bind', async () => {
    for (let i = 0; i < 5; i++) {
      const port = await freePort();
      expect(port).toBeGreaterThanOrEqual(CHOSEN_PORTS.from);
      expect(port).toBeLessThanOrEqual(CHOSEN_PORTS.to);
      await listenOn(port);
    }
  });

  it('keep the preferred port when it is free, and choose another when it is taken', async () => {
    const preferred = await freePort();
    expect(await freePort(preferred)).toBe(preferred);
    await listenOn(preferred);
    const other = await freePort(preferred);
    expect(other).not.toBe(preferred);
    await listenOn(other);
  });
});
