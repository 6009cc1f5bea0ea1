import { render } from 'preact';
import { App } from './App.js';
import { ownerI18n } from './i18n/index.js';

const root = document.getElementById('app');
if (root) {
  // The page's language first, so the first render is in it; English if its catalog cannot be had.
  await ownerI18n.load().catch(() => ownerI18n.load('en'));
  root.textContent = '';
  render(<App />, root);
}
