import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { RenderJob, RenderOutcome, Renderer } from '../domain/ports.js';
import { logger } from '../logger.js';

/**
 * The wait for one render. The renderer stops itself at its own deadline (8 s) and its function
 * times out at 20 s; past this the recipient is told the preview failed rather than kept waiting.
 */
export const RENDER_WAIT_MS = 20_000;

const failed = (reason: string): RenderOutcome => ({
  ok: false,
  code: 'PREVIEW_FAILED',
  reason,
  message: 'This file could not be previewed. Try again later, or download it if the owner allows downloads.',
});

/** The renderer function, invoked synchronously (RequestResponse) with a render job. */
export class LambdaRenderer implements Renderer {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly functionName: string,
  ) {}

  async render(job: RenderJob): Promise<RenderOutcome> {
    let reply;
    try {
      reply = await this.lambda.send(
        new InvokeCommand({ FunctionName: this.functionName, Payload: new TextEncoder().encode(JSON.stringify(job)) }),
        { abortSignal: AbortSignal.timeout(RENDER_WAIT_MS) },
      );
    } catch (error) {
      if ((error as Error)?.name === 'AbortError' || (error as Error)?.name === 'TimeoutError') {
        logger.warn('The renderer did not answer in time', { sourceKey: job.sourceKey });
        return failed('TIMED_OUT');
      }
      throw error;
    }
    const text = reply.Payload ? new TextDecoder().decode(reply.Payload) : '';
    // A crash, an out-of-memory or a time-out of the renderer: the input broke it, which is a failed preview, not ours.
    if (reply.FunctionError) {
      logger.error('The renderer failed', { sourceKey: job.sourceKey, functionError: reply.FunctionError, payload: text.slice(0, 500) });
      return failed('RENDERER_FAILED');
    }
    const outcome = JSON.parse(text) as RenderOutcome;
    if (typeof outcome !== 'object' || outcome === null || typeof outcome.ok !== 'boolean')
      throw new Error('The renderer answered with no outcome');
    return outcome;
  }
}
