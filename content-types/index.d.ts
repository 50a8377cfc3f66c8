import type { Locale } from './generated/types.js';

export type * from './generated/types.js';

export declare const LOCALES: readonly Locale[];
export declare const DEFAULT_LOCALE: Locale;
export declare const MEDIA_FIELDS: readonly (keyof import('./generated/types.js').Media)[];
export declare function imageTextFields<F extends string>(mediaField: F): { alt: `${F}Alt`; caption: `${F}Caption` };
export declare const SLUG_PATTERN: RegExp;
export declare function slugify(title: string): string;
export type SectionName = 'article' | 'workshop' | 'region' | 'partner' | 'search';
export declare const SECTION_SEGMENTS: Readonly<Record<SectionName, Readonly<Record<Locale, string>>>>;
export declare const RESERVED_PAGE_SLUGS: readonly string[];
