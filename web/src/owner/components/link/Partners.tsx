import { useState } from 'preact/hooks';
import { useShareChange } from '../../hooks/useShareChange.js';
import type { ApplyChange } from '../../hooks/useShareDetail.js';
import type { Share, SharePartner } from '../../types.js';
import { fmt, t } from '../../i18n/index.js';

interface PartnerAction {
  op: 'resend' | 'revoke' | 'resetDevice';
  label: Parameters<typeof t>[0];
  done: Parameters<typeof t>[0];
  testId: string;
}

/** A verified link's partners with what each did, and the owner's actions on each. */
export function Partners({ share, editable, apply }: { share: Share; editable: boolean; apply: ApplyChange }) {
  const { busy, error, send } = useShareChange(apply);
  const [address, setAddress] = useState('');
  const partners = share.partners ?? [];
  if (partners.length === 0 && !share.verifyRecipients) return null;
  const verified = share.verifyRecipients === true;

  /** What the owner may do to one partner: resend always; revoke and reset a device only where the link verifies them. */
  const actionsFor = (partner: SharePartner): PartnerAction[] =>
    [
      { op: 'resend', label: 'link.partners.resend', done: 'link.partners.resent', testId: 'partner-resend', shown: true } as const,
      {
        op: 'revoke',
        label: 'link.partners.revoke',
        done: 'link.partners.revokedDone',
        testId: 'partner-revoke',
        shown: verified,
      } as const,
      {
        op: 'resetDevice',
        label: 'link.partners.resetDevice',
        done: 'link.partners.resetDone',
        testId: 'partner-reset-device',
        shown: verified && share.deviceBinding && partner.deviceBound,
      } as const,
    ].filter((action) => action.shown);

  const add = async (event: Event) => {
    event.preventDefault();
    const email = address.trim();
    if (!email) return;
    if (await send({ body: { partners: { add: [email] } }, done: t('link.partners.added', { email: email.toLowerCase() }) }))
      setAddress('');
  };

  return (
    <section class="card partners" aria-labelledby="partners-title" data-testid="link-partners">
      <h2 id="partners-title">{t('link.partners.title')}</h2>
      <p class="hint">{verified ? t('link.partners.verifiedNote') : t('link.partners.plainNote')}</p>
      <ul class="partner-list">
        {partners.map((partner) => (
          <li key={partner.email} class="partner" data-testid="partner-row" data-email={partner.email} data-status={partner.status}>
            <div>
              <strong>{partner.email}</strong>{' '}
              <span class={`badge badge-${partner.status}`} data-testid="partner-status">
                {t(`link.partners.status.${partner.status}`)}
              </span>
              <p class="muted partner-times">
                {t('link.partners.invitedAt', { time: fmt().formatDateTime(partner.invitedAt) })}
                {partner.openedAt && t('link.partners.openedAt', { time: fmt().formatDateTime(partner.openedAt) })}
                {partner.downloadedAt && t('link.partners.downloadedAt', { time: fmt().formatDateTime(partner.downloadedAt) })}
                {partner.revokedAt && t('link.partners.revokedAt', { time: fmt().formatDateTime(partner.revokedAt) })}
                {verified && share.deviceBinding && partner.deviceBound && t('link.partners.deviceBound')}
              </p>
            </div>
            {editable && partner.status !== 'revoked' && (
              <div class="partner-actions">
                {actionsFor(partner).map((action) => (
                  <button
                    type="button"
                    key={action.op}
                    class="btn btn-secondary btn-small"
                    disabled={busy}
                    onClick={() =>
                      send({ body: { partners: { [action.op]: [partner.email] } }, done: t(action.done, { email: partner.email }) })
                    }
                    data-testid={action.testId}
                  >
                    {t(action.label)}
                  </button>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <form class="input-row" onSubmit={add}>
          <label class="visually-hidden" for="partner-add">
            {t('link.partners.addLabel')}
          </label>
          <input
            id="partner-add"
            type="email"
            placeholder={t('link.partners.addPlaceholder')}
            value={address}
            onInput={(e) => setAddress(e.currentTarget.value)}
            data-testid="partner-add-input"
          />
          <button type="submit" class="btn btn-secondary" disabled={busy || !address.trim()} data-testid="partner-add">
            {t('link.partners.add')}
          </button>
        </form>
      )}
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
