import { useState } from 'preact/hooks';
import { daysFromNow, expiryAllowed, expiryChoiceOf, expiryPolicyHint, localDateValue, type ExpiryMode } from '../lib/expiry.js';
import type { ExpiryChoice, SharePolicy } from '../types.js';
import { ExpiryField } from './ExpiryField.js';
import { t } from '../i18n/index.js';

interface ExpiryEditorProps {
  /** The expiry now (ISO), or null for none: the date the editor starts from. */
  expiresAt: string | null;
  policy?: SharePolicy | undefined;
  busy: boolean;
  /** `detail-expiry` gives the ids `detail-expiry-…`; test ids are `<testIdPrefix>edit-expiry`, `…expiry-form`, `…expiry-save`. */
  idPrefix: string;
  testIdPrefix: string;
  /** Called when the editor opens (clear an earlier problem). */
  onOpen: () => void;
  /** Saves the new expiry; true when it was saved, which closes the editor. */
  onSave: (expiry: ExpiryChoice) => Promise<boolean>;
  /** A problem with what was chosen (a date in the past, beyond the policy), to show next to the setting. */
  onProblem: (text: string) => void;
}

/** "Change" and, once pressed, the inline form that sets a new expiry, counted from now and within the policy. */
export function ExpiryEditor(props: ExpiryEditorProps) {
  const { policy, busy, idPrefix, testIdPrefix } = props;
  const maxDays = policy?.maxExpiryDays ?? null;
  const [editing, setEditing] = useState(false);
  const [mode, setMode] = useState<ExpiryMode>('7');
  const [date, setDate] = useState('');

  const open = () => {
    const current = props.expiresAt ? new Date(props.expiresAt) : undefined;
    const future = current && current.getTime() > Date.now() ? current : daysFromNow(Math.min(14, maxDays ?? 14));
    setDate(localDateValue(future));
    setMode(expiryAllowed('7', maxDays) ? '7' : 'date');
    props.onOpen();
    setEditing(true);
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    const expiry = expiryChoiceOf(mode, date, maxDays);
    if (typeof expiry === 'string') props.onProblem(expiry);
    else if (await props.onSave(expiry)) setEditing(false);
  };

  if (!editing) {
    return (
      <div class="setting-actions">
        <button type="button" class="btn btn-secondary btn-small" onClick={open} data-testid={`${testIdPrefix}edit-expiry`}>
          {t('expiry.editor.change')}
        </button>
      </div>
    );
  }
  return (
    <form class="inline-editor" onSubmit={submit} noValidate data-testid={`${testIdPrefix}expiry-form`}>
      <ExpiryField
        idPrefix={idPrefix}
        legend={t('expiry.editor.legend')}
        legendHidden
        presetSuffix={t('expiry.editor.fromNow')}
        mode={mode}
        date={date}
        onMode={setMode}
        onDate={setDate}
        defaultDays={policy?.defaultExpiryDays}
        maxDays={maxDays}
      >
        {maxDays !== null && <p class="hint">{expiryPolicyHint(undefined, maxDays)}</p>}
      </ExpiryField>
      <div class="setting-actions">
        <button type="submit" class="btn btn-primary btn-small" disabled={busy} data-testid={`${testIdPrefix}expiry-save`}>
          {t(busy ? 'expiry.editor.saving' : 'expiry.editor.save')}
        </button>
        <button type="button" class="btn btn-ghost btn-small" onClick={() => setEditing(false)}>
          {t('expiry.editor.close')}
        </button>
      </div>
    </form>
  );
}
