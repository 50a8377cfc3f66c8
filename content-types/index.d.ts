import type { Locale } from './generated/types.js';

export type * from './generated/types.js';

export declare const LOCALES: readonly Locale[];
export declare const DEFAULT_LOCALE: Locale;
export declare const MEDIA_FIELDS: readonly (keyof import('./generated/types.js').Media)[];
export declare function imageTextFields<F extends string>(mediaField: F): { alt: `${F}Alt`; caption: `${F}Caption` };
export declare const SLUG_PATTERN: RegExp;
export declare function slugify(title: string): string;
