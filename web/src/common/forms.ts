/**
 * Stops a form's implicit submission: Enter in a one-line field would otherwise press the
 * first submit button (creating a link, emailing people). Only the primary button submits;
 * fields that give Enter a meaning of their own (adding a recipient) handle it first.
 */
export function preventImplicitSubmit(event: KeyboardEvent): void {
  const target = event.target;
  if (event.key !== 'Enter' || !(target instanceof HTMLInputElement)) return;
  if (['button', 'submit', 'reset', 'checkbox', 'radio', 'file', 'image'].includes(target.type)) return;
  event.preventDefault();
}
