/**
 * Links to the outside world typed by staff into plain fields (a partner's website, a workshop's
 * registration URL). They land in href attributes and structured data, where escaping does not
 * help: "javascript:alert(1)" is a perfectly escaped attribute value that runs code when clicked.
 * So only absolute http(s) URLs with a host and mailto: addresses are links; anything else
 * (javascript:, data:, vbscript:, file:, relative or protocol-relative paths, malformed text) is
 * left out of the page, and the build says which entry and field (unsafeLinkWarnings).
 */
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The normalised URL when it is a safe outside link, otherwise null. */
export function safeLinkUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    // The WHATWG parser is the browser's: it strips the tabs, newlines and leading control
    // characters that would otherwise hide a scheme ("java\tscript:"), so what we check is
    // what a browser would follow, and we emit its normalised form.
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (!LINK_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && !url.hostname) return null;
  return url.href;
}
