// Strapi loads a plugin's extension from this path only; the patch itself lives in src/patches/.
export { default } from '../../patches/users-permissions-strategy';
