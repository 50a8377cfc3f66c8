// Improves the workshop registration form (components/workshop/RegistrationForm.astro): solves
// the API's proof-of-work challenge in the background, checks the fields with messages tied to
// them, and sends the form with fetch so its answer shows on the page. Without JavaScript none
// of this runs and the form's plain POST still works. A file of its own, not an inline script,
// so the Content-Security-Policy (deploy/nginx/site.conf) can refuse inline scripts.
/* global window, document -- a browser script */
(() => {
  const form = document.querySelector('form[data-registration-form]');
  if (!form || !window.crypto?.subtle || !window.fetch) return;
  const status = form.querySelector('[data-registration-status]');
  const button = form.querySelector('button[type="submit"]');
  const fields = [...form.querySelectorAll('[data-error]')];

  const BATCH = 500;
  const hex = (buffer) => [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');

  /** The ALTCHA answer: the number whose SHA-256 with the salt is the challenge, as altcha's widget finds it. */
  async function solve() {
    const response = await fetch(form.dataset.challengeUrl, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`challenge: HTTP ${response.status}`);
    const { algorithm, challenge, maxnumber, salt, signature } = await response.json();
    const encoder = new TextEncoder();
    const hashOf = async (number) => hex(await crypto.subtle.digest(algorithm, encoder.encode(`${salt}${number}`)));
    // Hashes in batches: Web Crypto works on them in parallel, far faster than one at a time.
    for (let start = 0; start <= maxnumber; start += BATCH) {
      const numbers = Array.from({ length: Math.min(BATCH, maxnumber - start + 1) }, (_, i) => start + i);
      const hashes = await Promise.all(numbers.map(hashOf));
      const found = hashes.indexOf(challenge);
      if (found >= 0) {
        const number = numbers[found];
        return btoa(JSON.stringify({ algorithm, challenge, number, salt, signature }));
      }
    }
    throw new Error('challenge: no solution');
  }

  // Started when the visitor first touches the form, so readers of the page spend no work on it.
  let solution = null;
  const startSolving = () => {
    solution = solve().catch(() => null);
    return solution;
  };
  form.addEventListener('focusin', () => solution ?? startSolving(), { once: true });

  /** Shows each field's message next to it; focuses the first field to correct. */
  function fieldsValid() {
    let first = null;
    for (const field of fields) {
      const error = document.getElementById(`${field.id}-error`);
      const valid = field.checkValidity();
      field.setAttribute('aria-invalid', String(!valid));
      if (error) error.textContent = valid ? '' : field.dataset.error;
      if (!valid && !first) first = field;
    }
    first?.focus();
    return !first;
  }

  form.noValidate = true;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!fieldsValid()) return;
    button.disabled = true;
    status.textContent = form.dataset.sending;
    const altcha = await (solution ?? startSolving());
    // Without a solution the plain POST goes ahead: the API then shows its one-more-step page.
    if (!altcha) {
      form.submit();
      return;
    }
    form.elements.namedItem('altcha').value = altcha;
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        body: new URLSearchParams(new FormData(form)),
      });
      const answer = await response.json();
      // The API names the outcome; it words every one but "sent", which the page words itself.
      status.textContent = answer.message || (answer.outcome === 'sent' ? form.dataset.sent : form.dataset.failed);
      if (['sent', 'waiting', 'confirmed'].includes(answer.outcome)) {
        for (const element of form.querySelectorAll('.field, button')) element.hidden = true;
        status.focus();
        return;
      }
    } catch {
      status.textContent = form.dataset.failed;
    }
    status.focus();
    button.disabled = false;
    // A challenge is good for one registration; another attempt needs a fresh one.
    startSolving();
  });
})();
