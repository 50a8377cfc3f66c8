import type { Context, Next } from 'koa';

/**
 * Answers a conditional GET with 304 Not Modified when the file has not changed since the copy
 * the client holds (Strapi middleware `global::conditional-get`, see config/middlewares.ts).
 *
 * Strapi serves /uploads/ through koa-static, which sends Last-Modified and `max-age=0` but never
 * answers If-Modified-Since. Astro keeps each optimised image in its cache with that
 * Last-Modified and asks Strapi again on the next build; a 200 makes it download and re-encode
 * every image (AVIF encoding is slow) on every publish. With the 304 Astro reuses its copy. Uploads keep their URL when an editor replaces the file in the media library, so a
 * long max-age would serve the old picture: revalidating on each build stays correct.
 */
export default () =>
  async function conditionalGet(ctx: Context, next: Next): Promise<void> {
    await next();
    const response = { etag: ctx.response.get('ETag'), lastModified: ctx.response.get('Last-Modified') };
    const request = { ifNoneMatch: ctx.get('If-None-Match'), ifModifiedSince: ctx.get('If-Modified-Since') };
    if (isNotModified(ctx.method, ctx.status, request, response)) {
      ctx.status = 304;
      ctx.body = null;
    }
  };

/**
 * The origin server's precondition check (RFC 9110, 13.1.2–13.1.3 and 13.2.2): If-None-Match
 * against the ETag, otherwise If-Modified-Since against Last-Modified, for successful GET/HEAD
 * answers only, so the API's answers (which carry neither validator) pass through unchanged.
 *
 * Koa's own `ctx.fresh` is not used: it treats a request's `Cache-Control: no-cache` as "reload",
 * and Node's fetch (so Astro) adds exactly that header to every conditional request, as the Fetch
 * standard says. That header is meant for caches on the way; an origin server evaluates the
 * preconditions regardless.
 */
export function isNotModified(
  method: string,
  status: number,
  request: { ifNoneMatch?: string; ifModifiedSince?: string },
  response: { etag?: string; lastModified?: string },
): boolean {
  if ((method !== 'GET' && method !== 'HEAD') || status < 200 || status > 299) return false;
  if (request.ifNoneMatch) {
    if (!response.etag) return false;
    const opaque = (tag: string) => tag.replace(/^W\//, '');
    return request.ifNoneMatch
      .split(',')
      .some((tag) => tag.trim() === '*' || opaque(tag.trim()) === opaque(response.etag!));
  }
  if (!request.ifModifiedSince || !response.lastModified) return false;
  const since = Date.parse(request.ifModifiedSince);
  const modified = Date.parse(response.lastModified);
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}
