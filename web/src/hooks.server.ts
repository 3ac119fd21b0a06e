import type { Handle, HandleServerError } from '@sveltejs/kit';
import { areaOf, mayUse, signInUrl } from '$lib/server/guard';
import { readSession } from '$lib/server/session';

const securityHeaders: Record<string, string> = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
};

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.session = await readSession(event.cookies);

  // Page loads check the area themselves (so they can show a proper 403 page); form posts are
  // refused here too, so no action in a staff area can run for the wrong person.
  const area = areaOf(event.url.pathname);
  if (area && event.request.method !== 'GET' && event.request.method !== 'HEAD') {
    const caller = event.locals.session?.caller;
    if (!caller) {
      const location = signInUrl(event.url, event.request.method);
      // use:enhance posts expect an action result, not an HTML page at the end of a redirect.
      if (event.request.headers.get('x-sveltekit-action') === 'true') {
        return new Response(JSON.stringify({ type: 'redirect', status: 303, location }), { headers: { 'content-type': 'application/json' } });
      }
      return new Response(null, { status: 303, headers: { location } });
    }
    if (!mayUse(caller, area)) return new Response('Your account does not have permission to do this.', { status: 403 });
  }

  const response = await resolve(event);
  for (const [name, value] of Object.entries(securityHeaders)) response.headers.set(name, value);
  // Too many requests: the page says when to try again in words, and the header says it to machines.
  if (response.status === 429 && event.locals.retryAfter) response.headers.set('retry-after', String(event.locals.retryAfter));
  if (event.url.protocol === 'https:') response.headers.set('strict-transport-security', 'max-age=63072000; includeSubDomains');
  // Pages for signed-in staff are never kept by a shared cache or the back-forward cache.
  if (event.locals.session) response.headers.set('cache-control', 'private, no-store');
  return response;
};

export const handleError: HandleServerError = ({ error, status }) => {
  if (status !== 404) console.error('web error', { name: (error as Error)?.name, message: (error as Error)?.message });
  return { message: status === 404 ? 'Page not found' : 'Sorry, there is a problem with the service. Try again later.' };
};
