/**
 * The admin's slug field asks the server for a slug ("Regenerate", and live while a new entry's
 * title is typed): POST /content-manager/uid/generate, served by the Content Manager's uid
 * service with its own slug library. For our four types this makes it use our one slug rule and
 * our per-locale uniqueness instead, so the admin proposes exactly what a save would generate.
 */
import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE } from '@koper-otok/content-types';
import { contentTypeOf, freeSlugFor } from './document-middleware';
import { slugFromTitle, TITLE_FIELD } from './slugs';

interface GenerateParams {
  contentTypeUID: string;
  field: string;
  data?: Record<string, unknown>;
  locale?: string;
}

interface UidService {
  generateUIDField(params: GenerateParams): Promise<string>;
}

// The admin sends the edited document's documentId as data.id ('' for a new entry), so the
// entry's own slug does not count as taken and "Regenerate" does not append -2 to it.
const editedDocumentId = (data: GenerateParams['data'] = {}): string | undefined =>
  [data.documentId, data.id].find((value): value is string => typeof value === 'string' && value !== '');

export function useProjectSlugsInAdmin(strapi: Core.Strapi): void {
  strapi.get('services').extend('plugin::content-manager.uid', (service: UidService) => ({
    ...service,
    async generateUIDField(params: GenerateParams): Promise<string> {
      const type = contentTypeOf(params.contentTypeUID);
      const titleField = type && TITLE_FIELD[type];
      if (!type || !titleField || params.field !== 'slug') return service.generateUIDField(params);
      // A title without letters or digits gives no slug: propose the type's name, as Strapi does.
      const base = slugFromTitle(params.data?.[titleField]) || type;
      return freeSlugFor(
        strapi,
        params.contentTypeUID,
        base,
        params.locale ?? DEFAULT_LOCALE,
        editedDocumentId(params.data),
      );
    },
  }));
}
