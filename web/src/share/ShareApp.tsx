import { useEffect } from 'preact/hooks';
import { Frame } from './components/Frame.js';
import { Gone, Unavailable } from './components/Outcome.js';
import { SharedFiles } from './components/SharedFiles.js';
import { Unlock } from './components/Unlock.js';
import { VerifyEmail } from './components/VerifyEmail.js';
import { useShareAccess, type Phase } from './hooks/useShareAccess.js';
import { ct } from '../common/texts.js';
import { t } from './i18n/index.js';
import { terminalMessage } from './lib/messages.js';

function titleOf(phase: Phase): string {
  const title =
    phase.name === 'gone'
      ? terminalMessage(phase.code).title
      : t(phase.name === 'open' ? 'share.pageTitle.open' : 'share.pageTitle.locked');
  return `${title} · ${ct('common.brand')}`;
}

/** A verified link asks for the partner's email and code first; any other the password. */
const LockedView = (props: Parameters<typeof Unlock>[0]) =>
  props.share.verifyRecipients ? <VerifyEmail {...props} /> : <Unlock {...props} />;

/** The recipient page (/s/<id>): the link's state decides what shows. */
export function ShareApp({ shareId }: { shareId: string }) {
  const { phase, start, endedBy, opened } = useShareAccess(shareId);

  useEffect(() => {
    document.title = titleOf(phase);
  }, [phase]);

  if (phase.name === 'loading') {
    return (
      <Frame>
        <p class="boot" role="status">
          {t('share.opening')}
        </p>
      </Frame>
    );
  }
  if (phase.name === 'gone') {
    return (
      <Frame>
        <Gone code={phase.code} />
      </Frame>
    );
  }
  if (phase.name === 'unavailable') {
    return (
      <Frame>
        <Unavailable message={phase.message} onRetry={start} />
      </Frame>
    );
  }
  if (phase.name === 'locked') {
    return (
      <Frame>
        <LockedView
          shareId={shareId}
          share={phase.share}
          notice={phase.notice}
          onOpened={(token) => opened(phase.share, token)}
          onFatal={(error) => endedBy(error, phase.share)}
        />
      </Frame>
    );
  }
  return (
    <Frame>
      <SharedFiles shareId={shareId} share={phase.share} token={phase.token} onFatal={(error) => endedBy(error, phase.share)} />
    </Frame>
  );
}
