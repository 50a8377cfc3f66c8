/**
 * What an editor reads when the media bucket fails: the AWS SDK's errors (a refused connection,
 * a 403 with an S3 error code) say nothing to an editor, and Strapi would answer them with a bare
 * 500. They become a StorageError, which the storage-errors middleware answers with 503.
 */
import { errors } from '@strapi/utils';

export type StorageAction = 'save' | 'delete';

export type StorageFailure = 'unreachable' | 'refused';

const SAVE = { sl: 'zato datoteka ni bila shranjena', en: 'so the file was not saved' };
const DELETE = { sl: 'zato datoteka ni bila izbrisana', en: 'so the file was not deleted' };

const MESSAGES: Record<StorageFailure, (outcome: { sl: string; en: string }) => string> = {
  unreachable: (outcome) =>
    `Shramba datotek ni dosegljiva, ${outcome.sl}. Poskusite znova čez nekaj minut; če se napaka ponavlja, obvestite skrbnika. ` +
    `/ The file storage cannot be reached, ${outcome.en}. Try again in a few minutes; if it persists, tell the administrator.`,
  refused: (outcome) =>
    `Shramba datotek je zavrnila dostop, ${outcome.sl}. Obvestite skrbnika: preveriti mora ključe in vedro shrambe (S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_BUCKET). ` +
    `/ The file storage refused access, ${outcome.en}. Tell the administrator: the storage keys and bucket (S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_BUCKET) need checking.`,
};

interface StorageErrorDetails {
  failure: StorageFailure;
  /** What the S3 client reported, for the administrator. */
  cause: string;
}

/** A media bucket that failed an upload or a delete; the message is for the editor. */
export class StorageError extends errors.ApplicationError<'StorageError', string, StorageErrorDetails> {
  readonly failure: StorageFailure;

  constructor(failure: StorageFailure, action: StorageAction, cause: unknown) {
    super(MESSAGES[failure](action === 'save' ? SAVE : DELETE), { failure, cause: describe(cause) });
    this.name = 'StorageError';
    this.failure = failure;
  }
}

interface AwsErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const describe = (error: unknown): string => {
  const shape = (error ?? {}) as AwsErrorShape;
  const status = shape.$metadata?.httpStatusCode;
  return [shape.name ?? shape.code, status ? `HTTP ${status}` : undefined, shape.message].filter(Boolean).join(': ');
};

/** S3 answers that mean the keys, their rights or the bucket are wrong: no retry will help. */
const REFUSALS = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'InvalidToken',
  'ExpiredToken',
  'NoSuchBucket',
  'AllAccessDisabled',
]);

const NETWORK_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'TimeoutError',
]);

/** The kind of failure an error from the S3 client is; undefined when it is not the storage's fault. */
export function classifyStorageError(error: unknown): StorageFailure | undefined {
  if (error instanceof StorageError) return error.failure;
  if (typeof error !== 'object' || error === null) return undefined;
  const shape = error as AwsErrorShape;
  const status = shape.$metadata?.httpStatusCode;
  if (REFUSALS.has(shape.name ?? '') || status === 401 || status === 403) return 'refused';
  if (status !== undefined && status >= 500) return 'unreachable';
  // No answer at all: the connection was refused, reset or timed out.
  if (status === undefined && ('$metadata' in shape || NETWORK_FAILURES.has(shape.code ?? shape.name ?? '')))
    return 'unreachable';
  return undefined;
}

/** `error` as the editor should see it: a StorageError when the bucket failed, unchanged otherwise. */
export function toStorageError(error: unknown, action: StorageAction): unknown {
  if (error instanceof StorageError) return error;
  const failure = classifyStorageError(error);
  return failure ? new StorageError(failure, action, error) : error;
}
