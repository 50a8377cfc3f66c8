import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A fresh link token: 32 random bytes, URL-safe. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a token: its SHA-256, so a copy of the database opens no links. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * The cancel link's token, the same in every mail of one registration round (so the link of the
 * first mail still works after the third), derived from the server's key: nothing to store in
 * plain text. A new round (a fresh sign-up, or after a cancellation) gets a new token.
 */
export const cancelToken = (key: string, documentId: string, round: string): string =>
  createHmac('sha256', key).update(`registration-cancel:${documentId}:${round}`).digest('base64url');

/** A registration's documentId, made here because rows are written through the query engine, which makes none. */
export const newDocumentId = (): string => randomBytes(12).toString('hex');
