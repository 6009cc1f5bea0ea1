import type { ComponentChildren } from 'preact';
import { Logo } from '../../common/icons.js';
import { LanguageSwitcher } from '../../common/LanguageSwitcher.js';
import { ct } from '../../common/texts.js';

/** The uploader page around every state: the brand on top, the content centred. */
export function Frame({ children }: { children: ComponentChildren }) {
  return (
    <div class="uploader">
      <header class="uploader-top">
        <span class="brand">
          <Logo />
          <span>{ct('common.brand')}</span>
        </span>
      </header>
      <main id="main" class="uploader-main">
        {children}
      </main>
      <footer class="page-footer">
        <LanguageSwitcher />
      </footer>
    </div>
  );
}
