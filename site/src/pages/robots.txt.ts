// robots.txt pointing crawlers at the sitemap index, from the configured site URL.
import type { APIRoute } from 'astro';
import { isPreviewMode } from '../lib/preview';

export const GET: APIRoute = ({ site }) =>
  new Response(
    isPreviewMode()
      ? 'User-agent: *\nDisallow: /\n'
      : `User-agent: *\nAllow: /\n\nSitemap: ${new URL('/sitemap-index.xml', site).href}\n`,
    { headers: { 'content-type': 'text/plain; charset=utf-8' } },
  );
