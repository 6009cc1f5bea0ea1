/** aws-ses-v2-local in this process: the SES API for handlers and the web inbox for people. */
import type { Server } from 'node:http';
import sesLocal from 'aws-ses-v2-local';
import { LOCAL_HOST } from './ports.js';

export interface SesLocal {
  endpoint: string;
  /** Stops answering (the stored emails stay): lets a test see how sending survives an SES outage. */
  stop(): Promise<void>;
  /** Answers again on the same port, with the emails stored before. */
  start(): Promise<void>;
}

// Node's `import x from` a CommonJS module gives its exports object; vitest's loader already unwraps `.default`.
const startSesServer = typeof sesLocal === 'function' ? sesLocal : sesLocal.default;

async function listen(port: number): Promise<Server> {
  const server: Server = await startSesServer({ host: LOCAL_HOST, port });
  // It resolves even when listen() failed (Express hands the error to the callback it ignores).
  if (!server.listening || typeof server.address() !== 'object' || !server.address()) {
    throw new Error(`The email inbox could not listen on ${LOCAL_HOST}:${port} (is SES_PORT in use?)`);
  }
  return server;
}

function close(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startSes(port: number): Promise<SesLocal> {
  let server: Server | undefined = await listen(port);
  const boundPort = (server.address() as { port: number }).port;
  return {
    endpoint: `http://${LOCAL_HOST}:${boundPort}`,
    async stop() {
      const running = server;
      server = undefined;
      if (running) await close(running);
    },
    async start() {
      server ??= await listen(boundPort);
    },
  };
}
