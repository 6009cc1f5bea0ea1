/**
 * What Cognito puts in an IdToken that cognito-local leaves out. cognito-local copies only
 * `custom:` attributes into the token and writes `email_verified` as `Boolean(<string>)`, which
 * is true even for "false". Real Cognito includes the standard attributes the app client may
 * read (here `name`) and the real `email_verified`. cognito-local calls a PreTokenGeneration
 * trigger through the Lambda Invoke API; this small server answers that call in the cognito-local
 * process, so local tokens carry the same claims as deployed ones.
 */
import { createServer, type Server } from 'node:http';
import { LOCAL_HOST } from './ports.js';

/** The trigger's name in cognito-local's configuration (any name: only this server answers it). */
export const CLAIMS_TRIGGER = 'sharelink-local-claims';

interface TokenGenerationEvent {
  request?: { userAttributes?: Record<string, string> };
}

/** The claims Cognito would add from the user's attributes. */
export function claimsFor(attributes: Record<string, string>): Record<string, string> {
  return {
    email_verified: attributes.email_verified === 'true' ? 'true' : 'false',
    ...(attributes.name ? { name: attributes.name } : {}),
  };
}

/** Listens on `port` for cognito-local's Invoke calls (`POST /2015-03-31/functions/<name>/invocations`). */
export function startClaimsTrigger(port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let event: TokenGenerationEvent = {};
      try {
        event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as TokenGenerationEvent;
      } catch {
        // an empty or broken event adds nothing
      }
      const claimsToAddOrOverride = claimsFor(event.request?.userAttributes ?? {});
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...event, response: { claimsOverrideDetails: { claimsToAddOrOverride } } }));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOCAL_HOST, () => resolve(server));
  });
}
