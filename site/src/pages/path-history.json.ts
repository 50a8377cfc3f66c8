// Every path each entry has had (lib/content/moved-pages.ts), read by the next build so that
// changed slugs leave redirects behind. Part of the public build only.
import type { APIRoute } from 'astro';
import { isPreviewMode } from '../lib/preview';
import { getSiteModel } from '../lib/site-pages';

export const GET: APIRoute = async () => {
  if (isPreviewMode()) return new Response('Not part of the preview.\n', { status: 404 });
  const { pathHistory } = await getSiteModel();
  return new Response(JSON.stringify(pathHistory), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
