import { render } from 'preact';
import { RequestApp } from './RequestApp.js';
import { requestI18n } from './i18n/index.js';

const root = document.getElementById('app');
if (root) {
  // The page's language first, so the first render is in it; English if its catalog cannot be had.
  await requestI18n.load().catch(() => requestI18n.load('en'));
  root.textContent = '';
  // /r/<id>, tolerating a trailing slash; anything else is an unknown link.
  const requestId = /^\/r\/([A-Za-z0-9_-]+)\/?$/.exec(location.pathname)?.[1] ?? '';
  render(<RequestApp requestId={requestId} />, root);
}
