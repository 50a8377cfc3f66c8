// The Slovenian admin (cms/src/admin/translations/sl.json): every key an editor sees on the
// screens listed in editor-keys.json is translated; every translated key is one Strapi really
// uses, so a typo cannot hide an untranslated string; and each message is valid ICU with the
// same placeholders and tags as Strapi's English, and Slovenian plural forms where it counts.
// And the admin build really offers Slovenian: vite.config.ts swaps in our list of languages.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// The ICU parser react-intl (and so Strapi's admin) uses at run time.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import extendViteConfig from '../../cms/src/admin/vite.config.ts';
import { messages as schedulingMessages } from '../../cms/src/admin/scheduling/messages.ts';
import { loadComponents, loadSchemas } from '../../scripts/lib/content-model.ts';
import { cmsDir, repoRoot } from '../../scripts/lib/paths.ts';

const translationsDir = path.join(cmsDir, 'src', 'admin', 'translations');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(translationsDir, file), 'utf8'));
const withoutComment = <T>(data: Record<string, T>) =>
  Object.fromEntries(Object.entries(data).filter(([key]) => key !== '$comment'));

const sl: Record<string, string> = readJson('sl.json');
const editorKeys: Record<string, string[]> = withoutComment(readJson('editor-keys.json'));
const keysWithoutEnglish: Record<string, string> = withoutComment(readJson('strapi-keys-without-english.json'));
// The admin's own strings (not Strapi's), in English: their fallback and the reference for
// sl.json. The revision screens keep them in en.json; the scheduling screens next to their ids
// (react-intl's defaultMessage).
const schedulingEnglish: Record<string, string> = Object.fromEntries(
  Object.values(schedulingMessages).map(({ id, defaultMessage }) => [id, defaultMessage]),
);
const ownEnglish: Record<string, string> = { ...readJson('en.json'), ...schedulingEnglish };

const strapiDir = path.join(repoRoot, 'node_modules', '@strapi');
const requireFromRepo = createRequire(path.join(repoRoot, 'package.json'));

/** Strapi's English tables, keys prefixed the way the admin merges them (plugin id + '.'). */
function strapiEnglish(): Record<string, string> {
  const tables = [
    ['', 'admin/dist/admin/admin/src/translations/en.json.js'],
    ['content-manager.', 'content-manager/dist/admin/translations/en.json.js'],
    ['upload.', 'upload/dist/admin/translations/en.json.js'],
    ['i18n.', 'i18n/dist/admin/translations/en.json.js'],
  ] as const;
  const english: Record<string, string> = {};
  for (const [prefix, file] of tables) {
    const module = requireFromRepo(path.join(strapiDir, file));
    for (const [key, value] of Object.entries(module.default ?? module)) {
      if (typeof value === 'string') english[prefix + key] = value;
    }
  }
  return { ...english, ...ownEnglish };
}
const english = strapiEnglish();

/** Keys of our own content model the admin translates: type names (menu) and enumeration values (selects), also of components. */
function contentModelKeys(): string[] {
  const keys: string[] = [];
  const enumerationValues = (attributes: Record<string, { type: string; enum?: string[] }>) => {
    for (const attribute of Object.values(attributes)) {
      // Region codes (SI031…) are codes, the same in every language.
      if (attribute.type === 'enumeration') keys.push(...attribute.enum!.filter((value) => !/^SI\d{3}$/.test(value)));
    }
  };
  for (const schema of loadSchemas().values()) {
    keys.push(schema.info.displayName);
    enumerationValues(schema.attributes);
  }
  for (const component of loadComponents().values()) enumerationValues(component.attributes);
  // A value two enumerations share (a workshop and a registration can both be "cancelled") is one key.
  return [...new Set(keys)];
}

/** Argument names and tag names of an ICU message, e.g. {count} or <b>, sorted and unique. */
function placeholders(elements: MessageFormatElement[], found = new Set<string>()): string[] {
  for (const element of elements) {
    if ('value' in element && element.type !== TYPE.literal) found.add(`{${element.value}}`);
    if (element.type === TYPE.tag) {
      found.add(`<${element.value}>`);
      placeholders(element.children, found);
    }
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      for (const option of Object.values(element.options)) placeholders(option.value, found);
    }
  }
  return [...found].sort();
}

/** Plural elements whose categories are not Slovenian's (one, two, few, other); exact =N cases are fine. */
function nonSlovenianPlurals(elements: MessageFormatElement[]): string[] {
  const problems: string[] = [];
  for (const element of elements) {
    if (element.type === TYPE.plural) {
      const categories = Object.keys(element.options).filter((option) => !option.startsWith('='));
      const usesCategories = categories.some((category) => category !== 'other');
      if (usesCategories && ['one', 'two', 'few', 'other'].some((category) => !categories.includes(category))) {
        problems.push(`{${element.value}, plural} has ${categories.join('/')}`);
      }
    }
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      for (const option of Object.values(element.options)) problems.push(...nonSlovenianPlurals(option.value));
    }
    if (element.type === TYPE.tag) problems.push(...nonSlovenianPlurals(element.children));
  }
  return problems;
}

describe('Slovenian admin translation', () => {
  it('lists the editor screens and their keys', () => {
    expect(Object.keys(editorKeys)).toEqual(
      expect.arrayContaining([
        'login',
        'navigation-and-profile',
        'content-manager-list',
        'content-manager-edit',
        'publish-dialogs',
        'media-library',
        'locale-switcher',
        'content-model',
      ]),
    );
    for (const [screen, keys] of Object.entries(editorKeys)) expect(keys.length, screen).toBeGreaterThan(0);
  });

  it('translates every key an editor sees on those screens', () => {
    const missing = Object.entries(editorKeys).flatMap(([screen, keys]) =>
      keys.filter((key) => typeof sl[key] !== 'string' || sl[key].trim() === '').map((key) => `${screen}: ${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('translates every string of our own (translations/en.json)', () => {
    const missing = Object.keys(ownEnglish).filter((key) => typeof sl[key] !== 'string' || sl[key].trim() === '');
    expect(missing).toEqual([]);
  });

  it('translates the basic actions the way editors expect', () => {
    expect(sl['global.save']).toBe('Shrani');
    expect(sl['app.utils.publish']).toBe('Objavi');
    expect(sl['app.utils.unpublish']).toBe('Prekliči objavo');
    expect(sl['content-manager.containers.List.draft']).toBe('Osnutek');
    expect(sl['content-manager.containers.List.published']).toBe('Objavljeno');
    expect(sl['upload.plugin.name']).toBe('Predstavnostna knjižnica');
  });

  it('translates the content type names and enumeration values of the content model', () => {
    const modelKeys = contentModelKeys();
    expect(modelKeys).toEqual(expect.arrayContaining(['Article', 'Workshop', 'planned', 'municipality']));
    expect(editorKeys['content-model'].sort()).toEqual([...modelKeys].sort());
  });

  it('lists every text of the scheduling screens among the editor keys', () => {
    expect([...editorKeys['scheduled-publishing']].sort()).toEqual(Object.keys(schedulingEnglish).sort());
  });

  it('uses only keys that Strapi, our own strings or our content model really have (so a typo fails)', () => {
    const known = new Set([...Object.keys(english), ...Object.keys(keysWithoutEnglish), ...contentModelKeys()]);
    expect(Object.keys(sl).filter((key) => !known.has(key))).toEqual([]);
  });

  it('lists under "without English" only keys that Strapi has no English for and still uses', () => {
    for (const [key, file] of Object.entries(keysWithoutEnglish)) {
      expect(english[key], `${key} now has English in Strapi's tables; drop it from the list`).toBeUndefined();
      const source = path.join(strapiDir, file);
      expect(existsSync(source), `${key}: ${file} is gone`).toBe(true);
      // Plugin sources write their own keys without the "plugin." prefix (getTranslation('…')).
      const unprefixed = key.replace(/^(content-manager|upload|i18n)\./, '');
      const text = readFileSync(source, 'utf8');
      expect(
        text.includes(`'${key}'`) || text.includes(`'${unprefixed}'`) || text.includes(`\`${unprefixed}\``),
        `${key} not used in ${file}`,
      ).toBe(true);
    }
  });

  it('keeps every message valid ICU with the same placeholders and tags as the English', () => {
    const mismatches: string[] = [];
    for (const [key, message] of Object.entries(sl)) {
      const ours = placeholders(parse(message));
      const theirs = english[key] === undefined ? ours : placeholders(parse(english[key]));
      if (JSON.stringify(ours) !== JSON.stringify(theirs))
        mismatches.push(`${key}: ${ours.join(' ')} ≠ ${theirs.join(' ')}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('uses the Slovenian plural forms (one, two, few, other) in counted messages', () => {
    const problems = Object.entries(sl).flatMap(([key, message]) =>
      nonSlovenianPlurals(parse(message)).map((problem) => `${key}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });
});

describe('Slovenian in the list of interface languages (cms/src/admin/vite.config.ts)', () => {
  const { resolve } = extendViteConfig({ resolve: { alias: { react: '/somewhere/react' } } }) as {
    resolve: { alias: { find: string | RegExp; replacement: string }[] };
  };
  const aliasFor = (specifier: string) =>
    resolve.alias.find(({ find }) => (typeof find === 'string' ? find === specifier : find.test(specifier)));

  it("replaces the list Strapi's admin imports with ours, which adds Slovenščina to Strapi's", () => {
    const strapiApp = readFileSync(path.join(strapiDir, 'admin/dist/admin/admin/src/StrapiApp.mjs'), 'utf8');
    expect(strapiApp, 'Strapi no longer imports its language list this way: update vite.config.ts').toContain(
      "from './translations/languageNativeNames.mjs'",
    );
    const ours = aliasFor('./translations/languageNativeNames.mjs')!.replacement;
    expect(readFileSync(ours, 'utf8')).toContain("sl: 'Slovenščina'");
    const original = aliasFor('strapi-admin-language-native-names')!.replacement;
    expect(readFileSync(original, 'utf8')).toMatch(/languageNativeNames = \{[^}]*sk: 'Slovenčina'/);
  });

  it("keeps Strapi's own aliases", () => {
    expect(aliasFor('react')?.replacement).toBe('/somewhere/react');
  });
});
