/**
 * Server hooks: every request gets the process's {@link Explorer} in `locals`, and unexpected errors
 * become typed error pages.
 */
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { getExplorer } from '$lib/server/explorer.ts';
import { toExplorerError } from '$lib/server/http.ts';

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.explorer = getExplorer();
  return resolve(event);
};

export const handleError: HandleServerError = ({ error }) => {
  const e = toExplorerError(error);
  return { message: e.message, code: e.code };
};
