import { useRef } from 'preact/hooks';
import { MAX_RECIPIENTS, parseAddresses } from '../../lib/recipients.js';
import { t } from '../../i18n/index.js';

interface RecipientsInputProps {
  id: string;
  recipients: string[];
  draft: string;
  error?: string | undefined;
  describedBy?: string;
  onChange: (recipients: string[], draft: string, error: string | undefined) => void;
}

/**
 * Email chips: an address becomes a chip on Enter, comma, semicolon, space or leaving the
 * field, and a pasted list becomes many. What is not an address stays in the field, with
 * a message, so nothing typed is lost.
 */
export function RecipientsInput({ id, recipients, draft, error, describedBy, onChange }: RecipientsInputProps) {
  const input = useRef<HTMLInputElement>(null);

  const commit = (text: string) => {
    const { added, invalid } = parseAddresses(text, recipients);
    const next = [...recipients, ...added];
    const message = invalid.length
      ? t('share.recipients.invalid', { count: invalid.length, addresses: invalid.map((piece) => `“${piece}”`).join(', ') })
      : next.length > MAX_RECIPIENTS
        ? t('share.recipients.tooMany', { max: MAX_RECIPIENTS })
        : undefined;
    onChange(next, invalid.join(', '), message);
  };

  const remove = (address: string) => {
    onChange(
      recipients.filter((r) => r !== address),
      draft,
      undefined,
    );
    input.current?.focus();
  };

  return (
    <div class={`chip-input ${error ? 'is-invalid' : ''}`} onClick={(e) => e.target === e.currentTarget && input.current?.focus()}>
      <ul class="chips" aria-label={t('share.recipients.added')} data-testid="recipient-chips">
        {recipients.map((address) => (
          <li class="chip" key={address} data-testid="recipient-chip">
            <span>{address}</span>
            <button
              type="button"
              class="chip-remove"
              aria-label={t('share.recipients.remove', { address })}
              onClick={() => remove(address)}
            >
              <svg viewBox="0 0 20 20" width="12" height="12" aria-hidden="true">
                <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
              </svg>
            </button>
          </li>
        ))}
      </ul>
      <input
        ref={input}
        id={id}
        type="text"
        inputMode="email"
        autocomplete="off"
        spellcheck={false}
        placeholder={recipients.length ? t('share.recipients.addAnother') : t('share.recipients.placeholder')}
        value={draft}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onInput={(e) => {
          const text = e.currentTarget.value;
          // A separator typed (or a list pasted) turns the complete addresses before it into
          // chips; anything doubtful waits for Enter or leaving the field to be judged.
          const cut = Math.max(text.lastIndexOf(','), text.lastIndexOf(';'), text.search(/\s\S*$/));
          const complete = cut >= 0 ? text.slice(0, cut) : '';
          const rest = cut >= 0 ? text.slice(cut + 1) : text;
          const parsed = parseAddresses(complete, recipients);
          if (complete.trim() && parsed.invalid.length === 0) onChange([...recipients, ...parsed.added], rest.trimStart(), undefined);
          // Editing the text withdraws the last judgement of it; Enter or leaving the field judges again.
          else onChange(recipients, text, undefined);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            // Enter adds the address instead of submitting the whole form.
            e.preventDefault();
            commit(draft);
          } else if (e.key === 'Backspace' && !draft && recipients.length) {
            onChange(recipients.slice(0, -1), '', undefined);
          }
        }}
        onBlur={() => draft.trim() && commit(draft)}
        data-testid="recipients-input"
      />
    </div>
  );
}
