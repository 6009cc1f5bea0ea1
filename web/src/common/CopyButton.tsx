import { useEffect, useState } from 'preact/hooks';
import { copyText } from './clipboard.js';
import { ct } from './texts.js';

interface CopyButtonProps {
  text: string;
  label: string;
  /** Names what is copied for screen readers when the visible label is short ("Copy"). */
  accessibleLabel?: string;
  testId?: string;
  class?: string;
}

/** A button that copies `text` and says so for two seconds (announced via aria-live). */
export function CopyButton({ text, label, accessibleLabel, testId, class: className }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  const shown = state === 'copied' ? ct('common.copied') : state === 'failed' ? ct('common.copyByHand') : label;
  return (
    <button
      type="button"
      class={`btn btn-secondary ${className ?? ''} ${state === 'copied' ? 'is-done' : ''}`}
      data-testid={testId}
      aria-label={state === 'idle' ? accessibleLabel : undefined}
      onClick={async () => setState((await copyText(text)) ? 'copied' : 'failed')}
    >
      <span aria-live="polite">{shown}</span>
    </button>
  );
}
