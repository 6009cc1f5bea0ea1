import { render } from 'preact';
import { ShareApp } from './ShareApp.js';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  // /s/<id>, tolerating a trailing slash; anything else is an unknown link.
  const shareId = /^\/s\/([A-Za-z0-9_-]+)\/?$/.exec(location.pathname)?.[1] ?? '';
  render(<ShareApp shareId={shareId} />, root);
}
