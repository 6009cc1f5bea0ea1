import { render } from 'preact';
import { ShareApp } from './ShareApp.js';
import { shareI18n } from './i18n/index.js';

const root = document.getElementById('app');
if (root) {
  // The page's language first (Chinese is fetched on demand), so the first render is in it; English if that fails.
  await shareI18n.load().catch(() => shareI18n.load('en'));
  root.textContent = '';
  // /s/<id>, tolerating a trailing slash; anything else is an unknown link.
  const shareId = /^\/s\/([A-Za-z0-9_-]+)\/?$/.exec(location.pathname)?.[1] ?? '';
  render(<ShareApp shareId={shareId} />, root);
}
