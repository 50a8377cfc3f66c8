// cms/src/graphql/site-export.ts: exportPlan() decides what siteExport returns of a type. A
// component (seo, a menu link) is exported with its scalars, media and relations; what it cannot populate yet (a
// component inside a component, a dynamic zone) stops Strapi's start with the field's name.
import { describe, expect, it } from 'vitest';
import { exportPlan } from '../../cms/src/graphql/site-export.ts';

const seoComponent = {
  uid: 'shared.seo',
  attributes: {
    id: { type: 'increments' },
    metaTitle: { type: 'string' },
    noIndex: { type: 'boolean' },
    shareImage: { type: 'media', multiple: false },
  },
};
const components: Record<string, typeof seoComponent> = { 'shared.seo': seoComponent };

describe('exportPlan', () => {
  it('exports a component with its scalars and media, next to the fields of the type', () => {
    const plan = exportPlan(
      {
        uid: 'api::region.region',
        attributes: {
          name: { type: 'string' },
          seo: { type: 'component', component: 'shared.seo', repeatable: false },
          createdBy: { type: 'relation', relation: 'oneToOne', target: 'admin::user' },
        },
      },
      (uid) => components[uid],
    );
    expect(plan.scalars).toEqual(['name']);
    expect(plan.components).toEqual([
      {
        name: 'seo',
        repeatable: false,
        scalars: ['metaTitle', 'noIndex'],
        media: [{ name: 'shareImage', multiple: false }],
        relations: [],
      },
    ]);
  });

  it("exports a component's owning relations as references to their target (a menu link's page)", () => {
    const link = {
      uid: 'navigation.link',
      attributes: {
        label: { type: 'string' },
        page: { type: 'relation', relation: 'oneToOne', target: 'api::page.page' },
      },
    };
    const plan = exportPlan(
      {
        uid: 'api::navigation.navigation',
        attributes: { header: { type: 'component', component: 'navigation.link', repeatable: true } },
      },
      () => link,
    );
    expect(plan.components).toEqual([
      {
        name: 'header',
        repeatable: true,
        scalars: ['label'],
        media: [],
        relations: [{ name: 'page', toMany: false, target: 'api::page.page' }],
      },
    ]);
  });

  it('refuses what it cannot populate yet, naming the field', () => {
    const nested = { uid: 'shared.links', attributes: { seo: { type: 'component', component: 'shared.seo' } } };
    expect(() =>
      exportPlan(
        { uid: 'api::page.page', attributes: { links: { type: 'component', component: 'shared.links' } } },
        () => nested,
      ),
    ).toThrow('siteExport cannot export component field seo inside component api::page.page.links yet');
    expect(() =>
      exportPlan({ uid: 'api::page.page', attributes: { blocks: { type: 'dynamiczone' } } }, () => nested),
    ).toThrow('siteExport cannot export dynamiczone field api::page.page.blocks yet');
  });
});
