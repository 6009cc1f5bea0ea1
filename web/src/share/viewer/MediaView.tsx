import { useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';

interface MediaViewProps {
  kind: 'video' | 'audio';
  url: string;
  name: string;
  /** A fresh presigned URL: the one in hand lives 5 minutes, a film lasts longer. */
  refresh: () => Promise<string>;
}

/**
 * The browser's own player, streaming from the presigned URL (range requests). When the URL
 * expires mid-play the next range request fails: the player asks for a new URL and carries on
 * where it was.
 */
export function MediaView({ kind, url, name, refresh }: MediaViewProps) {
  const [source, setSource] = useState(url);
  const [problem, setProblem] = useState<string>();
  const retries = useRef(0);
  const player = useRef<HTMLVideoElement & HTMLAudioElement>(null);

  const recover = async () => {
    const element = player.current;
    if (!element || retries.current >= 3) {
      setProblem(t('share.viewer.cannotPlay'));
      return;
    }
    retries.current += 1;
    const at = element.currentTime;
    const playing = !element.paused;
    try {
      const fresh = await refresh();
      setSource(fresh);
      element.addEventListener(
        'loadedmetadata',
        () => {
          element.currentTime = at;
          if (playing) void element.play().catch(() => undefined);
          retries.current = 0;
        },
        { once: true },
      );
    } catch {
      setProblem(t('share.viewer.playbackLost'));
    }
  };

  const common = {
    ref: player,
    src: source,
    controls: true,
    preload: 'metadata' as const,
    onError: () => void recover(),
    'data-testid': 'viewer-media',
    'aria-label': name,
  };
  return (
    <div class="viewer-media">
      {kind === 'video' ? <video class="viewer-video" playsInline {...common} /> : <audio {...common} />}
      {problem && (
        <p class="alert alert-info" role="status">
          {problem}
        </p>
      )}
    </div>
  );
}
