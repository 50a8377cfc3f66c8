/**
 * Where uploaded media live, chosen by the environment: the local disk (PUBLIC_DIR/uploads, the
 * default) or an S3-compatible bucket (UPLOAD_PROVIDER=s3) through @strapi/provider-upload-aws-s3.
 * The S3_* names are the ones scripts/lib/s3.ts reads, so one set of settings describes the
 * association's storage for Strapi, the backups and the site build alike.
 */

type Env = Record<string, string | undefined>;

/** The AWS SDK v3 client options the provider hands to `new S3Client(...)`. */
export interface S3ClientOptions {
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string };
  requestChecksumCalculation: 'WHEN_REQUIRED';
  responseChecksumValidation: 'WHEN_REQUIRED';
  params: { Bucket: string; ACL?: undefined };
}

export interface S3UploadConfig {
  provider: 'aws-s3';
  providerOptions: { baseUrl?: string; rootPath?: string; s3Options: S3ClientOptions };
}

export type UploadConfig = { provider: 'local' } | S3UploadConfig;

const REQUIRED_S3_SETTINGS = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/** The upload provider named by UPLOAD_PROVIDER: `local` (default) or `s3`. */
export function uploadProviderName(env: Env): 'local' | 's3' {
  const name = (env.UPLOAD_PROVIDER ?? '').trim().toLowerCase() || 'local';
  if (name === 'local' || name === 's3') return name;
  throw new Error(
    `Refusing to start: UPLOAD_PROVIDER is "${env.UPLOAD_PROVIDER}". Set it to "local" (media on this machine's disk) or "s3" (media in an S3-compatible bucket).`,
  );
}

const trimSlashes = (value: string) => value.replace(/\/+$/, '');

/** The provider's options for the bucket the S3_* variables describe; refuses to start without the required ones. */
export function s3UploadConfig(env: Env): S3UploadConfig {
  const missing = REQUIRED_S3_SETTINGS.filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    throw new Error(
      `Refusing to start: UPLOAD_PROVIDER=s3 needs ${missing.join(', ')}. Set them (deploy/env/cms.env.example describes each), ` +
        'or set UPLOAD_PROVIDER=local to keep media on this machine.',
    );
  }
  const bucket = env.S3_BUCKET!.trim();
  const endpoint = env.S3_ENDPOINT?.trim() ? trimSlashes(env.S3_ENDPOINT.trim()) : undefined;
  // Self-hosted servers (Ceph, MinIO) address the bucket in the path; AWS by host name.
  const forcePathStyle = env.S3_FORCE_PATH_STYLE?.trim()
    ? env.S3_FORCE_PATH_STYLE.trim() === 'true'
    : Boolean(endpoint);
  const publicUrl = env.S3_PUBLIC_URL?.trim();
  // A fixed base keeps the stored URLs independent of how the server answers an upload.
  const baseUrl = publicUrl ? trimSlashes(publicUrl) : endpoint && forcePathStyle ? `${endpoint}/${bucket}` : undefined;
  const rootPath = env.S3_ROOT_PATH?.trim().replace(/^\/+|\/+$/g, '') || undefined;
  return {
    provider: 'aws-s3',
    providerOptions: {
      ...(baseUrl ? { baseUrl } : {}),
      ...(rootPath ? { rootPath } : {}),
      s3Options: {
        ...(endpoint ? { endpoint } : {}),
        region: env.S3_REGION?.trim() || 'us-east-1',
        forcePathStyle,
        credentials: { accessKeyId: env.S3_ACCESS_KEY_ID!.trim(), secretAccessKey: env.S3_SECRET_ACCESS_KEY!.trim() },
        // Newer SDKs add CRC32 checksums to every request, which Ceph and other S3 servers refuse.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        // ACL present but undefined: the provider then sends no per-object ACL (which buckets with
        // ACLs disabled refuse); the bucket's policy makes media public.
        params: { Bucket: bucket, ACL: undefined },
      },
    },
  };
}

/** The upload plugin's `provider` and `providerOptions` for this environment. */
export function uploadConfig(env: Env = process.env): UploadConfig {
  return uploadProviderName(env) === 's3' ? s3UploadConfig(env) : { provider: 'local' };
}

/**
 * The origin media are served from when they live in a bucket, for the admin's Content Security
 * Policy (thumbnails in the media library); undefined for local media, which share Strapi's origin.
 */
export function mediaOrigin(env: Env = process.env): string | undefined {
  const config = uploadConfig(env);
  if (config.provider !== 'aws-s3') return undefined;
  const { baseUrl, s3Options } = config.providerOptions;
  if (baseUrl) return new URL(baseUrl).origin;
  if (s3Options.endpoint) return new URL(s3Options.endpoint).origin;
  return `https://${s3Options.params.Bucket}.s3.${s3Options.region}.amazonaws.com`;
}
