/**
 * What a page says about itself in <head>: title, description, social image and whether search
 * engines may index it. An entry's SEO fields (the shared.seo component, per language) win where
 * staff filled them; otherwise the page's own title, description and image stand in. Any entry
 * type with a `seo` field gets this; BaseLayout renders the result.
 */
import type { Media, SharedSeo } from '@koper-otok/content-types';

export interface HeadData {
  /** og:title and twitter:title. */
  title: string;
  /** The whole <title> when staff wrote a meta title (they count its 60 characters); null: the layout adds the site's name. */
  documentTitle: string | null;
  description: string;
  /** Shared as og:image (the build copies it onto the site); null for none. */
  image: Media | null;
  /** noindex in <head>, left out of the sitemap and of the site's search. */
  noindex: boolean;
}

export interface HeadFallback {
  title: string;
  description: string;
  image?: Media | null;
}

const filled = (text: string | null | undefined): string | null => (text && text.trim() ? text.trim() : null);

export function seoHead(seo: SharedSeo | null | undefined, fallback: HeadFallback): HeadData {
  const metaTitle = filled(seo?.metaTitle);
  return {
    title: metaTitle ?? fallback.title,
    documentTitle: metaTitle,
    description: filled(seo?.metaDescription) ?? fallback.description,
    image: seo?.shareImage ?? fallback.image ?? null,
    noindex: seo?.noIndex === true,
  };
}
