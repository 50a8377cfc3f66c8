import type { Core } from '@strapi/strapi';
import { guardMediaStorage, type GuardedStrapi } from '../../upload/storage-guard';

type Lifecycle = (context: { strapi: Core.Strapi }) => unknown;

/**
 * Strapi loads a plugin's extension from this path only. Once the upload plugin has registered
 * its provider, media in a bucket get clear errors and no half-written uploads (upload/storage-guard.ts);
 * the local disk keeps Strapi's own behaviour.
 */
export default function extendUpload<P extends { register?: Lifecycle }>(plugin: P): P {
  const { register } = plugin;
  const registerGuarded: Lifecycle = async (context) => {
    await register?.(context);
    const { strapi } = context;
    if (strapi.config.get('plugin::upload.provider') === 'aws-s3')
      guardMediaStorage(strapi as unknown as GuardedStrapi);
  };
  return Object.assign(plugin, { register: registerGuarded });
}
