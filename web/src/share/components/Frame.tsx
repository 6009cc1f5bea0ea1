import type { ComponentChildren } from 'preact';
import { Logo } from '../../common/icons.js';

/** The recipient page around every state: the brand on top, the content centred. */
export function Frame({ children }: { children: ComponentChildren }) {
  return (
    <div class="recipient">
      <header class="recipient-top">
        <span class="brand">
          <Logo />
          <span>ShareLink</span>
        </span>
      </header>
      <main id="main" class="recipient-main">
        {children}
      </main>
    </div>
  );
}
