import { goto, invalidateAll } from '$app/navigation';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * For the small forms in a list (move up, retire…): with JavaScript on, stay where you were and put
 * focus back on the same control, so a keyboard user can press "Move up" again. Without JavaScript
 * the redirect's #fragment does the same job.
 */
export const stayInPlace: SubmitFunction = ({ formElement }) => {
  const focusIds = (formElement.dataset.focus ?? '').split(' ').filter(Boolean);
  return async ({ result, update }) => {
    if (result.type === 'redirect') {
      await goto(result.location, { invalidateAll: true, noScroll: true, keepFocus: true });
      for (const id of focusIds) {
        const target = document.getElementById(id);
        if (target) {
          target.focus();
          break;
        }
      }
      return;
    }
    await update({ reset: false });
    // The list may be out of date (that is often why the action failed): show it as it is now.
    if (result.type === 'failure') await invalidateAll();
  };
};
