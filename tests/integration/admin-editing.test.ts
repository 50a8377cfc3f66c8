/**
 * The staff's side of the admin, over the admin API the panel itself calls, logged in as the
 * demo editor: Slovenian labels and list views in the Content Manager, validation with clear
 * messages at save and publish time, slugs generated from titles, alternative text on images.
 * A real Strapi on a temporary SQLite database, seeded with the demo content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCms, type TestCms } from '../helpers/cms';
import { DEMO_ADMIN, DEMO_EDITOR } from '../../scripts/lib/demo-logins.ts';
import { adminSession, collection, type AdminResponse, type AdminSession } from '../helpers/admin-api';

let cms: TestCms;
let editor: AdminSession;
beforeAll(async () => {
  cms = await startTestCms();
  editor = await adminSession(cms.url, DEMO_EDITOR);
});
afterAll(async () => {
  await cms?.dispose();
});

const workshop = (fields: Record<string, unknown> = {}) => ({
  title: 'Delavnica o oživljanju mestnih središč',
  eventStatus: 'planned',
  ...fields,
});
const article = (fields: Record<string, unknown> = {}) => ({
  title: 'Prenovljeno mestno jedro privablja obiskovalce',
  excerpt: 'Po prenovi Titovega trga se je število obiskovalcev v koprskem mestnem jedru povečalo za tretjino.',
  publishedDate: '2017-07-01',
  ...fields,
});

/** An entry as the Content Manager answers it (the fields these tests read). */
interface Entry {
  documentId: string;
  title: string;
  slug: string;
  publishedDate?: string;
  publishedAt?: string | null;
}

/** Strapi's answer to a refused save or publish. */
interface Refusal {
  error: { name: string; message: string; details?: { errors?: { path: string[]; message: string }[] } };
}

interface FieldMetadata {
  edit: { label: string; description: string; placeholder?: string };
  list: { label: string; mainField?: unknown };
}

/** A type's Content Manager configuration: labels, list columns and sorting. */
interface Configuration {
  data: {
    contentType: {
      metadatas: Record<string, FieldMetadata>;
      layouts: { list: string[] };
      settings: Record<string, unknown>;
    };
  };
}

/** The field errors of a refused save, as the admin shows them under each field. */
const fieldErrors = (response: AdminResponse): Record<string, string> => {
  const refusal = response.body as Partial<Refusal> | null;
  return Object.fromEntries(
    (refusal?.error?.details?.errors ?? []).map((error) => [error.path.join('.'), error.message]),
  );
};

async function regionId(code: string): Promise<string> {
  const { body } = await editor.request<{ results: Entry[] }>(
    'GET',
    `${collection('region')}?locale=sl&filters[code][$eq]=${code}`,
  );
  return body.results[0].documentId;
}

async function isPublished(type: string, documentId: string, locale = 'sl'): Promise<boolean> {
  const { body } = await editor.request<{ data?: Entry } | null>(
    'GET',
    `${collection(type)}/${documentId}?locale=${locale}&status=published`,
  );
  return Boolean(body?.data?.publishedAt);
}

describe('Content Manager configuration', () => {
  it('labels every workshop field in Slovenian with a help text', async () => {
    const { status, body } = await editor.request<Configuration>(
      'GET',
      '/content-manager/content-types/api::workshop.workshop/configuration',
    );
    expect(status).toBe(200);
    const { metadatas, layouts, settings } = body.data.contentType;
    expect(metadatas.startsAt.edit).toMatchObject({
      label: 'Začetek',
      description: expect.stringContaining('slovenski čas'),
    });
    expect(metadatas.region.edit.label).toBe('Regija');
    expect(metadatas.registrationUrl.edit).toMatchObject({ label: 'Povezava za prijavo', placeholder: 'https://' });
    for (const field of ['title', 'slug', 'endsAt', 'venueName', 'city', 'capacity', 'eventStatus', 'partners']) {
      expect(metadatas[field].edit.label, field).not.toBe(field);
      expect(metadatas[field].edit.description, field).not.toBe('');
    }
    expect(layouts.list).toEqual(['title', 'startsAt', 'city']);
    expect(settings).toMatchObject({ defaultSortBy: 'startsAt', defaultSortOrder: 'DESC', pageSize: 20 });
  });

  it('lists articles newest first, with Slovenian column headers', async () => {
    const { body } = await editor.request<Configuration>(
      'GET',
      '/content-manager/content-types/api::article.article/configuration',
    );
    const { metadatas, layouts, settings } = body.data.contentType;
    expect(layouts.list).toEqual(['title', 'publishedDate']);
    expect(layouts.list.map((field) => metadatas[field].list.label)).toEqual(['Naslov', 'Datum novice']);
    expect(settings).toMatchObject({ defaultSortBy: 'publishedDate', defaultSortOrder: 'DESC' });

    const list = await editor.request<{ results: Entry[] }>(
      'GET',
      `${collection('article')}?locale=sl&sort=publishedDate:DESC`,
    );
    const dates = list.body.results.map((entry) => entry.publishedDate);
    expect(dates.length, 'articles in the list').toBeGreaterThan(1);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe('validation at save time', () => {
  it('refuses a workshop that ends before it starts, with the message under "Konec"', async () => {
    const response = await editor.request(
      'POST',
      `${collection('workshop')}?locale=sl`,
      workshop({ startsAt: '2017-09-12T08:00:00.000Z', endsAt: '2017-09-12T07:00:00.000Z' }),
    );
    expect(response.status).toBe(400);
    expect((response.body as Refusal).error.name).toBe('ValidationError');
    expect(fieldErrors(response).endsAt).toMatch(
      /^Konec: delavnica se ne more končati pred začetkom \(Začetek: 12\. sep\. 2017, 10:00\)\. \/ endsAt: /,
    );
  });

  it('checks a change of one date against the other date stored in the entry', async () => {
    const list = await editor.request<{ results: Entry[] }>(
      'GET',
      `${collection('workshop')}?locale=sl&filters[city][$eq]=Postojna`,
    );
    const postojna = list.body.results[0];
    const response = await editor.request('PUT', `${collection('workshop')}/${postojna.documentId}?locale=sl`, {
      endsAt: '2017-06-19T12:00:00.000Z',
    });
    expect(response.status).toBe(400);
    expect(Object.keys(fieldErrors(response))).toEqual(['endsAt']);
  });

  it('refuses a registration link and a partner website that are not http(s) URLs', async () => {
    const badLink = await editor.request(
      'POST',
      `${collection('workshop')}?locale=sl`,
      workshop({ registrationUrl: 'www.koper.si/prijava' }),
    );
    expect(badLink.status).toBe(400);
    expect(fieldErrors(badLink).registrationUrl).toContain('Povezava za prijavo: vpišite celoten spletni naslov');

    const badWebsite = await editor.request('POST', `${collection('partner')}?locale=sl`, {
      name: 'Turistično društvo Koper',
      kind: 'association',
      website: 'javascript:alert(1)',
    });
    expect(badWebsite.status).toBe(400);
    expect(Object.keys(fieldErrors(badWebsite))).toEqual(['website']);
  });

  it('refuses a slug that breaks the slug rule, and one another entry of the locale uses', async () => {
    const badSlug = await editor.request(
      'POST',
      `${collection('workshop')}?locale=sl`,
      workshop({ slug: 'Delavnica-V-Kopru' }),
    );
    expect(badSlug.status).toBe(400);
    expect(fieldErrors(badSlug).slug).toMatch(/^Spletni naslov \(URL\): uporabite le male črke/);

    const taken = await editor.request(
      'POST',
      `${collection('workshop')}?locale=sl`,
      workshop({ slug: 'delavnica-o-managementu-mestnih-sredisc-v-postojni' }),
    );
    expect(taken.status).toBe(400);
    expect(fieldErrors(taken).slug).toContain('že uporablja drug vnos v tem jeziku (sl)');
  });

  it('refuses an excerpt longer than a meta description', async () => {
    const response = await editor.request(
      'POST',
      `${collection('article')}?locale=sl`,
      article({ excerpt: 'Dolg povzetek. '.repeat(11) }),
    );
    expect(response.status).toBe(400);
    expect(fieldErrors(response).excerpt).toMatch(/^Povzetek: ima 164 znakov, dovoljenih je največ 160/);
  });

  it('generates a missing slug from the title, transliterated and unique per locale', async () => {
    const title = 'Živahno središče: Čakovec, Šempeter in Đakovo';
    const first = await editor.request<{ data: Entry }>(
      'POST',
      `${collection('workshop')}?locale=sl`,
      workshop({ title }),
    );
    expect(first.status).toBe(201);
    expect(first.body.data.slug).toBe('zivahno-sredisce-cakovec-sempeter-in-dakovo');

    const second = await editor.request<{ data: Entry }>(
      'POST',
      `${collection('workshop')}?locale=sl`,
      workshop({ title, slug: '' }),
    );
    expect(second.status).toBe(201);
    expect(second.body.data.slug).toBe('zivahno-sredisce-cakovec-sempeter-in-dakovo-2');

    const english = await editor.request<{ data: Entry }>(
      'POST',
      `${collection('workshop')}?locale=en`,
      workshop({ title }),
    );
    expect(english.status).toBe(201);
    expect(english.body.data.slug).toBe('zivahno-sredisce-cakovec-sempeter-in-dakovo');
  });

  it('proposes the same slug in the admin ("Regenerate") as a save would generate', async () => {
    const proposal = await editor.request<{ data: string }>('POST', '/content-manager/uid/generate?locale=sl', {
      contentTypeUID: 'api::workshop.workshop',
      field: 'slug',
      data: { title: 'Živahno središče: Čakovec, Šempeter in Đakovo' },
    });
    expect(proposal.status).toBe(200);
    expect(proposal.body.data).toBe('zivahno-sredisce-cakovec-sempeter-in-dakovo-3');

    // Regenerating an existing entry's slug from its unchanged title gives its own slug back.
    const list = await editor.request<{ results: Entry[] }>(
      'GET',
      `${collection('workshop')}?locale=sl&filters[city][$eq]=Postojna`,
    );
    const postojna = list.body.results[0];
    const own = await editor.request<{ data: string }>('POST', '/content-manager/uid/generate?locale=sl', {
      contentTypeUID: 'api::workshop.workshop',
      field: 'slug',
      data: { id: postojna.documentId, title: postojna.title, slug: postojna.slug },
    });
    expect(own.body.data).toBe(postojna.slug);

    const partner = await editor.request<{ data: string }>('POST', '/content-manager/uid/generate?locale=en', {
      contentTypeUID: 'api::partner.partner',
      field: 'slug',
      data: { name: 'Občina Šempeter-Vrtojba' },
    });
    expect(partner.body.data).toBe('obcina-sempeter-vrtojba');
  });

  it('saves a valid workshop with everything filled in', async () => {
    const response = await editor.request<{ data: Entry & { city: string } }>(
      'POST',
      `${collection('workshop')}?locale=sl`,
      workshop({
        title: 'Delavnica o managementu mestnih središč v Kopru',
        startsAt: '2017-10-05T07:00:00.000Z',
        endsAt: '2017-10-05T11:00:00.000Z',
        venueName: 'Pretorska palača',
        venueAddress: 'Titov trg 3, 6000 Koper',
        city: 'Koper',
        region: { connect: [{ documentId: await regionId('SI044'), locale: 'sl' }] },
        registrationUrl: 'https://www.koper-otok.si/prijava',
        capacity: 40,
      }),
    );
    expect(response.status).toBe(201);
    expect(response.body.data).toMatchObject({
      slug: 'delavnica-o-managementu-mestnih-sredisc-v-kopru',
      city: 'Koper',
    });
  });
});

describe('validation at publish time', () => {
  it('publishes a dated workshop only with a region, and a planned one without a date freely', async () => {
    const dated = await editor.request<{ data: Entry }>(
      'POST',
      `${collection('workshop')}?locale=sl`,
      workshop({ title: 'Delavnica v Novem mestu', startsAt: '2017-11-08T08:00:00.000Z', city: 'Novo mesto' }),
    );
    expect(dated.status).toBe(201);
    const id = dated.body.data.documentId;

    const refused = await editor.request('POST', `${collection('workshop')}/${id}/actions/publish?locale=sl`, {});
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused).region).toBe(
      'Regija: delavnica z datumom potrebuje regijo, preden jo objavite. / region: a workshop with a date needs a region before it is published.',
    );
    expect(await isPublished('workshop', id)).toBe(false);

    const published = await editor.request('POST', `${collection('workshop')}/${id}/actions/publish?locale=sl`, {
      ...dated.body.data,
      region: { connect: [{ documentId: await regionId('SI037'), locale: 'sl' }] },
    });
    expect(published.status).toBe(200);
    expect(await isPublished('workshop', id)).toBe(true);

    const planned = await editor.request(
      'POST',
      `${collection('workshop')}/actions/publish?locale=sl`,
      workshop({ title: 'Sedma delavnica 2017 (v pripravi)' }),
    );
    expect(planned.status).toBe(200);
  });

  it('publishes an article with a cover image only once the image has alternative text', async () => {
    const upload = await editor.upload('mestno-jedro-koper.jpg', { alternativeText: '' });
    expect(upload.status).toBe(201);
    const image = upload.body[0];

    const draft = await editor.request<{ data: Entry }>(
      'POST',
      `${collection('article')}?locale=sl`,
      article({ title: 'Novica z naslovno sliko', cover: image.id }),
    );
    expect(draft.status).toBe(201);
    const id = draft.body.data.documentId;

    const refused = await editor.request('POST', `${collection('article')}/${id}/actions/publish?locale=sl`, {});
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused).coverAlt).toMatch(
      /^Nadomestno besedilo naslovne slike: izbrana slika \(Naslovna slika\) nima nadomestnega besedila\. Opišite/,
    );
    expect(await isPublished('article', id)).toBe(false);

    const described = await editor.request('PUT', `/upload/files/${image.id}`, {
      fileInfo: { alternativeText: 'Pisane hiše in zvonik na Titovem trgu v Kopru' },
    });
    expect(described.status).toBe(200);
    const published = await editor.request('POST', `${collection('article')}/${id}/actions/publish?locale=sl`, {});
    expect(published.status).toBe(200);

    // The site reads the alternative text with the cover over GraphQL.
    const { body } = await cms.graphql(
      '{ articles(locale: "sl", filters: { title: { eq: "Novica z naslovno sliko" } }) { cover { alternativeText } } }',
    );
    expect(body.data.articles[0].cover.alternativeText).toBe('Pisane hiše in zvonik na Titovem trgu v Kopru');
  });

  it('rolls back "create and publish" in one step when a publish rule fails, leaving no entry behind', async () => {
    const upload = await editor.upload('koper-otok-logo.png', { alternativeText: 'koper-otok-logo.png' });
    const count = async () =>
      (await editor.request<{ pagination: { total: number } }>('GET', `${collection('partner')}?locale=sl`)).body
        .pagination.total;
    const before = await count();
    const refused = await editor.request('POST', `${collection('partner')}/actions/publish?locale=sl`, {
      name: 'Združenje mestnih središč',
      kind: 'association',
      logo: upload.body[0].id,
    });
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused).logoAlt).toContain(
      'Nadomestno besedilo logotipa: nadomestno besedilo slike je ime datoteke',
    );
    expect(await count()).toBe(before);
  });
});

describe('restarts', () => {
  it('keep the labels staff changed in the admin and re-apply nothing else', async () => {
    const superAdmin = await adminSession(cms.url, DEMO_ADMIN);
    const uid = 'api::workshop.workshop';
    const { body } = await superAdmin.request<Configuration>(
      'GET',
      `/content-manager/content-types/${uid}/configuration`,
    );
    const { settings, metadatas, layouts } = body.data.contentType;
    metadatas.city.edit.label = 'Mesto ali vas';
    // The GET adds each relation's mainField to its list metadata, which the PUT refuses; the admin drops it too.
    for (const meta of Object.values(metadatas)) delete meta.list.mainField;
    const saved = await superAdmin.request('PUT', `/content-manager/content-types/${uid}/configuration`, {
      settings,
      metadatas,
      layouts,
    });
    expect(saved.status).toBe(200);

    await cms.restart();
    editor = await adminSession(cms.url, DEMO_EDITOR);
    const after = (await editor.request<Configuration>('GET', `/content-manager/content-types/${uid}/configuration`))
      .body.data.contentType;
    expect(after.metadatas.city.edit.label).toBe('Mesto ali vas');
    expect(after.metadatas.startsAt.edit.label).toBe('Začetek');
    expect(after.layouts.list).toEqual(['title', 'startsAt', 'city']);
  });
});
