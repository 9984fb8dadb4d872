import { render } from '../../i18n';
import { messageOf } from '../messages';

/** What the user reads when `fn` throws: its message rendered in English, or "(no error)". Tests only. */
export function said(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return render(messageOf(err));
  }
  return '(no error)';
}

/** The same for a promise: the error it rejects with, rendered in English. */
export const saidAsync = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => '(no error)',
    (err: unknown) => render(messageOf(err)),
  );
