import type { Context, Next } from 'koa';
import { StorageError } from '../upload/storage-errors';

/**
 * Answers a failed media bucket with 503 Service Unavailable and the editor's message (Strapi
 * middleware `global::storage-errors`, see config/middlewares.ts). Strapi's own error middleware
 * would answer a StorageError, like every ApplicationError, with 400 Bad Request, which blames
 * the editor's request for the storage's failure.
 */
export default () =>
  async function storageErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      ctx.status = 503;
      ctx.body = {
        data: null,
        error: { status: 503, name: error.name, message: error.message, details: error.details },
      };
    }
  };
