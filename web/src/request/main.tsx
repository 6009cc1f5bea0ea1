import { render } from 'preact';
import { RequestApp } from './RequestApp.js';

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  // /r/<id>, tolerating a trailing slash; anything else is an unknown link.
  const requestId = /^\/r\/([A-Za-z0-9_-]+)\/?$/.exec(location.pathname)?.[1] ?? '';
  render(<RequestApp requestId={requestId} />, root);
}
