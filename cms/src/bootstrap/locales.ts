import type { Core } from '@strapi/strapi';

const SITE_LOCALES = [
  { code: 'sl', name: 'Slovenščina (sl)' },
  { code: 'en', name: 'English (en)' },
];

/** Slovenian first (the default locale), English second. Idempotent. */
export async function ensureLocales(strapi: Core.Strapi): Promise<void> {
  const locales = strapi.plugin('i18n').service('locales');
  for (const { code, name } of SITE_LOCALES) {
    if (!(await locales.findByCode(code))) {
      await locales.create({ code, name });
      strapi.log.info(`i18n: created locale ${code}`);
    }
  }
  if ((await locales.getDefaultLocale()) !== 'sl') {
    await locales.setDefaultLocale({ code: 'sl' });
    strapi.log.info('i18n: default locale is now sl');
  }
}
