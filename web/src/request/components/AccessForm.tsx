import { useState } from 'preact/hooks';
import { ApiError } from '../../common/http.js';
import { t } from '../i18n/index.js';
import { uploaderMessage } from '../lib/messages.js';
import { unlock, type Visit } from '../lib/session.js';
import type { PublicRequest } from '../types.js';

interface AccessFormProps {
  request: PublicRequest;
  notice?: string | undefined;
  onOpened: (visit: Visit) => void;
  onFatal: (error: unknown) => boolean;
}

/** Name (required: the folder your files go in), email (optional) and the password, before sending. */
export function AccessForm({ request, notice, onOpened, onFatal }: AccessFormProps) {
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!form.name.trim()) {
      setError(t('request.form.nameMissing'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onOpened(await unlock(request.id, { ...form, ...(request.requiresPassword ? {} : { password: undefined }) }));
    } catch (caught) {
      if (onFatal(caught)) return;
      setError(uploaderMessage(caught));
      setBusy(false);
      if (caught instanceof ApiError && caught.code === 'WRONG_PASSWORD') setForm((current) => ({ ...current, password: '' }));
    }
  };
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onInput: (event: Event) => setForm((current) => ({ ...current, [key]: (event.currentTarget as HTMLInputElement).value })),
  });

  return (
    <form class="access-form" onSubmit={submit} noValidate data-testid="access-form">
      {notice && !error && (
        <p class="alert alert-info" role="status" data-testid="access-notice">
          {notice}
        </p>
      )}
      <div class="field">
        <label for="uploader-name">{t('request.form.name')}</label>
        <input
          id="uploader-name"
          type="text"
          autocomplete="name"
          required
          maxLength={100}
          autoFocus
          {...field('name')}
          data-testid="uploader-name"
        />
        <p class="hint">{t('request.form.nameHint')}</p>
      </div>
      <div class="field">
        <label for="uploader-email">{t('request.form.email')}</label>
        <input id="uploader-email" type="email" autocomplete="email" {...field('email')} data-testid="uploader-email" />
        <p class="hint">{t('request.form.emailHint', { owner: request.ownerName })}</p>
      </div>
      {request.requiresPassword && (
        <div class="field">
          <label for="request-password">{t('request.form.password')}</label>
          <input
            id="request-password"
            type="password"
            autocomplete="off"
            required
            {...field('password')}
            aria-invalid={error ? true : undefined}
            data-testid="request-password"
          />
          <p class="hint">{t('request.form.passwordHint')}</p>
        </div>
      )}
      {error && (
        <p class="alert alert-error" role="alert" data-testid="access-error">
          {error}
        </p>
      )}
      <button type="submit" class="btn btn-primary" disabled={busy} data-testid="access-submit">
        {t(busy ? 'request.form.checking' : 'request.form.continue')}
      </button>
    </form>
  );
}
