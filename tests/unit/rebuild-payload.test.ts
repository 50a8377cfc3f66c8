/** Which webhook bodies may cause a build (scripts/rebuild/payload.ts). */
import { describe, expect, it } from 'vitest';
import { checkWebhook } from '../../scripts/rebuild/payload.ts';

const entryEvent = (event: string, model: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    event,
    createdAt: '2026-11-28T10:00:00.000Z',
    model,
    uid: `api::${model}.${model}`,
    entry: { id: 1, documentId: 'abc', locale: 'sl' },
    ...extra,
  });

describe('accepted webhooks', () => {
  it.each(['article', 'workshop', 'region', 'partner', 'redirect'])(
    'accepts publish, unpublish and delete of a %s',
    (model) => {
      for (const event of ['entry.publish', 'entry.unpublish', 'entry.delete']) {
        expect(checkWebhook(entryEvent(event, model), event)).toEqual({
          ok: true,
          trigger: { event, model, documentId: 'abc' },
        });
      }
    },
  );

  it('accepts media events, which carry no model', () => {
    for (const event of ['media.create', 'media.update', 'media.delete']) {
      expect(checkWebhook(JSON.stringify({ event, media: { id: 3, url: '/uploads/a.jpg' } }))).toEqual({
        ok: true,
        trigger: { event, model: null, documentId: null },
      });
    }
  });

  it('accepts an entry event whose entry is empty or missing, as Strapi sometimes sends, naming no document', () => {
    const empty = checkWebhook(entryEvent('entry.publish', 'article', { entry: {} }));
    expect(empty).toEqual({ ok: true, trigger: { event: 'entry.publish', model: 'article', documentId: null } });
    const missing = checkWebhook(JSON.stringify({ event: 'entry.unpublish', model: 'article' }));
    expect(missing).toEqual({ ok: true, trigger: { event: 'entry.unpublish', model: 'article', documentId: null } });
  });
});

describe('refused webhooks', () => {
  it.each([
    ['not JSON', '{"event": "entry.publish",', 400, 'not valid JSON'],
    ['a JSON array', '[]', 400, 'must be a JSON object'],
    ['JSON null', 'null', 400, 'must be a JSON object'],
    ['no event', JSON.stringify({ model: 'article' }), 400, 'has no "event"'],
    [
      'entry.update (drafts only)',
      entryEvent('entry.update', 'article'),
      422,
      'event "entry.update" does not change the published site',
    ],
    ['entry.create', entryEvent('entry.create', 'article'), 422, 'accepted events: entry.publish'],
    ["the admin's test trigger", JSON.stringify({ event: 'trigger-test' }), 422, 'event "trigger-test"'],
    [
      'a model outside the site',
      entryEvent('entry.publish', 'user'),
      422,
      'model "user" is not part of the site; accepted models: article, workshop, region, partner, page, navigation',
    ],
    ['an entry event without model', JSON.stringify({ event: 'entry.publish' }), 400, '"entry.publish" has no "model"'],
    [
      'a uid of another model',
      entryEvent('entry.publish', 'article', { uid: 'plugin::users-permissions.user' }),
      400,
      'does not belong to model "article"',
    ],
  ])('refuses %s', (_label, body, status, reason) => {
    const check = checkWebhook(body);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.status).toBe(status);
    expect(check.reason).toContain(reason);
  });

  it('refuses a body whose event disagrees with the X-Strapi-Event header', () => {
    const check = checkWebhook(entryEvent('entry.publish', 'article'), 'entry.update');
    expect(check).toMatchObject({ ok: false, status: 400 });
  });
});
