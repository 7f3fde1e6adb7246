// After a failed save: open every fold that holds an error, then put the cursor on the first
// field in error in the order the form shows them (not the order the rules found them). A list
// with no row yet ("a phone number is required") takes the cursor on its Add button.
const IN_ERROR = [
  '[aria-invalid="true"]',
  '[data-list-invalid] button:not([disabled])',
  // A group of boxes (a custom multiple-choice field) marks the group, not each box.
  'fieldset.field--invalid input:not([disabled])',
].join(', ');

function openFoldsWithErrors(form: HTMLElement): void {
  for (const el of form.querySelectorAll(IN_ERROR)) {
    for (let fold = el.closest('details'); fold; fold = fold.parentElement?.closest('details') ?? null) {
      fold.open = true;
    }
  }
}

export function focusFirstError(form: HTMLElement | null): boolean {
  if (!form) return false;
  openFoldsWithErrors(form);
  const first = form.querySelector<HTMLElement>(IN_ERROR);
  if (!first) return false;
  first.focus();
  return true;
}

/**
 * Open the folds around one control and put the cursor on it (a link in the error summary). A
 * list or a group of boxes has no control of that id: the first control beside its message.
 */
export function focusControl(id: string): void {
  const el =
    document.getElementById(id) ??
    document
      .getElementById(`${id}-error`)
      ?.closest('fieldset, [data-list-invalid]')
      ?.querySelector<HTMLElement>('input:not([disabled]), button:not([disabled])');
  if (!el) return;
  for (let fold = el.closest('details'); fold; fold = fold.parentElement?.closest('details') ?? null) {
    fold.open = true;
  }
  el.focus();
}
