// Starts Pagefind's search UI on the search page. A file of its own rather than an inline
// script, so the Content-Security-Policy (deploy/nginx/site.conf) can refuse inline scripts.
/* global window, document, location, PagefindUI -- a browser script; PagefindUI comes from pagefind-ui.js */
window.addEventListener('DOMContentLoaded', () => {
  const element = document.getElementById('search');
  new PagefindUI({ element, showSubResults: true, showImages: false, autofocus: true });
  const input = element.querySelector('input');
  if (input) input.setAttribute('aria-label', element.dataset.label);
  const query = new URLSearchParams(location.search).get('q');
  if (query && input) {
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
});
