// The earlier slugs that redirect this build (lib/content/moved-pages.ts), handed to the
// redirects integration, which merges them into _redirects and the nginx include and then
// removes this file from the output. Part of the public build only.
import type { APIRoute } from 'astro';
import { isPreviewMode } from '../lib/preview';
import { getSitePages } from '../lib/site-pages';

export const GET: APIRoute = async () => {
  if (isPreviewMode()) return new Response('Not part of the preview.\n', { status: 404 });
  const moved = (await getSitePages()).flatMap((page) =>
    page.kind === 'redirect' ? [{ from: page.path, to: page.to }] : [],
  );
  return new Response(JSON.stringify(moved), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
