/** aws-ses-v2-local in this process: the SES API for handlers and the web inbox for people. */
import type { Server } from 'node:http';
import sesLocal from 'aws-ses-v2-local';
import { LOCAL_HOST } from './ports.js';

export interface SesLocal {
  endpoint: string;
  stop(): Promise<void>;
}

// Node's `import x from` a CommonJS module gives its exports object; vitest's loader already unwraps `.default`.
const startSesServer = (typeof sesLocal === 'function' ? sesLocal : sesLocal.default) as typeof sesLocal.default;

export async function startSes(port: number): Promise<SesLocal> {
  const server: Server = await startSesServer({ host: LOCAL_HOST, port });
  // It resolves even when listen() failed (Express hands the error to the callback it ignores).
  const address = server.address();
  if (!server.listening || typeof address !== 'object' || !address) {
    throw new Error(`The email inbox could not listen on ${LOCAL_HOST}:${port} (is SES_PORT in use?)`);
  }
  return {
    endpoint: `http://${LOCAL_HOST}:${address.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
