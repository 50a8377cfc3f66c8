// The alias that vite.config.ts points at Strapi's own (unexported) list of interface languages.
declare module 'strapi-admin-language-native-names' {
  export const languageNativeNames: Record<string, string>;
}
