/**
 * The preview renderer (secure view): not an HTTP route. The recipient function invokes it with a
 * render job (functions/lib/domain/renderer/job.ts) when a render is not cached under previews/.
 * Packaged with its native code by infra/renderer-asset.ts (`rendererCode`), not NodejsFunction.
 */
import type { RenderOutcome } from '../lib/domain/ports.js';
import { runRenderJob } from '../lib/domain/renderer/job.js';
import { renderPreview, warmRenderer } from '../lib/render/index.js';
import { logger } from '../lib/logger.js';
import { renderStore } from '../lib/wiring.js';

// In the init phase: fonts and the PDF worker with pdf.js, so no render pays for them.
await warmRenderer();

export async function handler(event: unknown): Promise<RenderOutcome> {
  const outcome = await runRenderJob({ store: renderStore(), render: renderPreview }, event);
  if (!outcome.ok) logger.info('Preview refused', { code: outcome.code, reason: outcome.reason });
  return outcome;
}
