/**
 * Guards the preview server (SITE_MODE=preview): every request needs the preview session,
 * answers are never indexed or cached, and /preview/ resolves the admin's link to a page.
 * In the public static build this middleware does nothing.
 */
import { defineMiddleware } from 'astro:middleware';
import {
  PREVIEW_COOKIE,
  isPreviewMode,
  isValidSecret,
  isValidSession,
  previewPathFor,
  sessionValue,
} from './lib/preview';

const PRIVATE_HEADERS = { 'x-robots-tag': 'noindex, nofollow', 'cache-control': 'no-store' };

const plain = (status: number, text: string) =>
  new Response(`${text}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...PRIVATE_HEADERS } });

export const onRequest = defineMiddleware(async (context, next) => {
  if (!isPreviewMode()) return next();
  const { url, cookies } = context;

  const secret = url.searchParams.get('secret');
  if (secret !== null) {
    if (!isValidSecret(secret)) return plain(401, 'Napačna povezava za predogled. / Invalid preview link.');
    cookies.set(PREVIEW_COOKIE, sessionValue(), {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: url.protocol === 'https:',
    });
  } else if (!isValidSession(cookies.get(PREVIEW_COOKIE)?.value)) {
    return plain(
      401,
      'Predogled je na voljo samo prek povezave iz administracije. / Preview is only available through the link in the admin.',
    );
  }

  if (url.pathname === '/preview/' || url.pathname === '/preview') {
    const params = url.searchParams;
    const path = await previewPathFor(
      params.get('type') ?? '',
      params.get('documentId') ?? '',
      params.get('locale') ?? 'sl',
    );
    if (!path) return plain(404, 'Tega vnosa ni mogoče predogledati. / This entry cannot be previewed.');
    return new Response(null, { status: 302, headers: { location: path, ...PRIVATE_HEADERS } });
  }

  const response = await next();
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(PRIVATE_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
});
