import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { isMarkdown } from '../lib/file-kinds.js';

/** Text shown at most; a longer file says so and can be downloaded (when allowed). */
const MAX_TEXT_BYTES = 1024 * 1024;

async function readText(url: string, signal: AbortSignal): Promise<{ text: string; cut: boolean }> {
  const response = await fetch(url, { signal });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let cut = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= MAX_TEXT_BYTES) {
      cut = true;
      await reader.cancel();
      break;
    }
  }
  const bytes = new Uint8Array(Math.min(size, MAX_TEXT_BYTES));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.byteLength - at);
    bytes.set(part, at);
    at += part.byteLength;
  }
  return { text: new TextDecoder().decode(bytes), cut };
}

/** A text file as text, and Markdown rendered (safely, markdown.ts, loaded only for Markdown). */
export function TextView({ url, name }: { url: string; name: string }) {
  const [shown, setShown] = useState<{ text?: string; html?: string; cut: boolean }>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setShown(undefined);
    setFailed(false);
    (async () => {
      const { text, cut } = await readText(url, controller.signal);
      if (!isMarkdown(name)) return { text, cut };
      const { renderMarkdown } = await import('./markdown.js');
      return { html: renderMarkdown(text), cut };
    })().then(
      (result) => !controller.signal.aborted && setShown(result),
      () => !controller.signal.aborted && setFailed(true),
    );
    return () => controller.abort();
  }, [url, name]);

  if (failed) {
    return (
      <p class="alert alert-info" role="status">
        {t('share.viewer.textFailed')}
      </p>
    );
  }
  if (!shown) return <p class="viewer-state muted">{t('share.viewer.textLoading')}</p>;
  return (
    <div class="viewer-text-wrap">
      {shown.html !== undefined ? (
        <article class="viewer-markdown" data-testid="viewer-markdown" dangerouslySetInnerHTML={{ __html: shown.html }} />
      ) : (
        <pre class="viewer-text" data-testid="viewer-text">
          {shown.text}
        </pre>
      )}
      {shown.cut && <p class="muted">{t('share.viewer.textCut')}</p>}
    </div>
  );
}
