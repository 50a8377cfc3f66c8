/**
 * Which upload provider Strapi uses and with which options, from the environment alone
 * (cms/src/upload/provider-config.ts), and how the S3 client's failures read to an editor
 * (cms/src/upload/storage-errors.ts).
 */
import { S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { mediaOrigin, uploadConfig } from '../../cms/src/upload/provider-config';
import { classifyStorageError, StorageError, toStorageError } from '../../cms/src/upload/storage-errors';

const ceph = {
  UPLOAD_PROVIDER: 's3',
  S3_ENDPOINT: 'http://127.0.0.1:7480/',
  S3_ACCESS_KEY_ID: 'key',
  S3_SECRET_ACCESS_KEY: 'secret',
  S3_BUCKET: 'media',
};

describe('upload provider configuration', () => {
  it('keeps media on the local disk by default, as without the setting', () => {
    expect(uploadConfig({})).toEqual({ provider: 'local' });
    expect(uploadConfig({ UPLOAD_PROVIDER: 'local', S3_BUCKET: 'media' })).toEqual({ provider: 'local' });
    expect(mediaOrigin({})).toBeUndefined();
  });

  it('refuses an unknown provider name', () => {
    expect(() => uploadConfig({ UPLOAD_PROVIDER: 'ftp' })).toThrow(
      'Refusing to start: UPLOAD_PROVIDER is "ftp". Set it to "local"',
    );
  });

  it('passes a self-hosted server path-style, with the checksums it accepts and URLs under endpoint/bucket', () => {
    expect(uploadConfig({ ...ceph, UPLOAD_PROVIDER: 'S3' })).toEqual({
      provider: 'aws-s3',
      providerOptions: {
        baseUrl: 'http://127.0.0.1:7480/media',
        s3Options: {
          endpoint: 'http://127.0.0.1:7480',
          region: 'us-east-1',
          forcePathStyle: true,
          credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
          params: { Bucket: 'media', ACL: undefined },
        },
      },
    });
    expect(mediaOrigin(ceph)).toBe('http://127.0.0.1:7480');
  });

  it('takes the public URL, root path, region and path style when given', () => {
    const config = uploadConfig({
      ...ceph,
      S3_PUBLIC_URL: 'https://media.koper-otok.si/',
      S3_ROOT_PATH: '/cms/uploads/',
      S3_REGION: 'eu-central-1',
      S3_FORCE_PATH_STYLE: 'false',
    });
    expect(config).toMatchObject({
      providerOptions: {
        baseUrl: 'https://media.koper-otok.si',
        rootPath: 'cms/uploads',
        s3Options: { region: 'eu-central-1', forcePathStyle: false },
      },
    });
    expect(mediaOrigin({ ...ceph, S3_PUBLIC_URL: 'https://media.koper-otok.si/x' })).toBe(
      'https://media.koper-otok.si',
    );
  });

  it('on AWS itself (no endpoint) addresses the bucket by host name', () => {
    const aws = { ...ceph, S3_ENDPOINT: '', S3_REGION: 'eu-west-1' };
    const config = uploadConfig(aws);
    expect(config).toMatchObject({ providerOptions: { s3Options: { forcePathStyle: false } } });
    expect(config.provider === 'aws-s3' && config.providerOptions.baseUrl).toBeUndefined();
    expect(config.provider === 'aws-s3' && 'endpoint' in config.providerOptions.s3Options).toBe(false);
    expect(mediaOrigin(aws)).toBe('https://media.s3.eu-west-1.amazonaws.com');
  });

  it('refuses to start without the bucket or the keys, naming each missing variable', () => {
    expect(() => uploadConfig({ UPLOAD_PROVIDER: 's3', S3_ACCESS_KEY_ID: 'key', S3_SECRET_ACCESS_KEY: ' ' })).toThrow(
      'Refusing to start: UPLOAD_PROVIDER=s3 needs S3_BUCKET, S3_SECRET_ACCESS_KEY. Set them (deploy/env/cms.env.example describes each), or set UPLOAD_PROVIDER=local to keep media on this machine.',
    );
  });
});

const s3Error = (name: string, status: number) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });

describe('storage errors for the editor', () => {
  it('tells a refused key or a missing bucket from a storage that cannot be reached', () => {
    expect(classifyStorageError(s3Error('InvalidAccessKeyId', 403))).toBe('refused');
    expect(classifyStorageError(s3Error('SignatureDoesNotMatch', 403))).toBe('refused');
    expect(classifyStorageError(s3Error('NoSuchBucket', 404))).toBe('refused');
    expect(classifyStorageError(s3Error('ServiceUnavailable', 503))).toBe('unreachable');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7480'), {
      code: 'ECONNREFUSED',
      $metadata: { attempts: 3 },
    });
    expect(classifyStorageError(refused)).toBe('unreachable');
  });

  it('leaves errors that are not the storage unchanged', () => {
    const invalid = new Error('Input buffer contains unsupported image format');
    expect(toStorageError(invalid, 'save')).toBe(invalid);
    expect(toStorageError(s3Error('InvalidArgument', 400), 'save')).toBeInstanceOf(S3ServiceException);
  });

  it('says in Slovenian first, then English, what happened and what to do', () => {
    const error = toStorageError(s3Error('InvalidAccessKeyId', 403), 'delete') as StorageError;
    expect(error).toBeInstanceOf(StorageError);
    expect(error.message).toMatch(/^Shramba datotek je zavrnila dostop, zato datoteka ni bila izbrisana\. Obvestite/);
    expect(error.message).toContain('/ The file storage refused access, so the file was not deleted.');
    expect(error.details).toEqual({ failure: 'refused', cause: 'InvalidAccessKeyId: HTTP 403: InvalidAccessKeyId' });
  });
});
