// scripts/import-wordpress/media-files.ts and image-size.ts: which URLs are the old site's
// uploads, where they are in a local uploads folder (falling back from resized copies to the
// original), their media library names, rewriting markdown targets, and reading image sizes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findLocalFile,
  markdownTargets,
  mediaLibraryName,
  replaceMarkdownTargets,
  uploadsPath,
} from '../../scripts/import-wordpress/media-files.ts';
import { readImageSize } from '../../scripts/import-wordpress/image-size.ts';

const SITE = 'https://www.koper-otok.si';
const UPLOADS = path.join(import.meta.dirname, '..', 'fixtures', 'wordpress', 'uploads');

describe('uploadsPath', () => {
  it('accepts upload URLs of the old site, with or without www and https, and relative ones', () => {
    expect(uploadsPath(`${SITE}/wp-content/uploads/2017/06/foto.jpg`, SITE)).toBe('2017/06/foto.jpg');
    expect(uploadsPath('http://koper-otok.si/wp-content/uploads/2017/06/foto.jpg', SITE)).toBe('2017/06/foto.jpg');
    expect(uploadsPath('/wp-content/uploads/2017/06/foto.jpg', SITE)).toBe('2017/06/foto.jpg');
  });

  it('decodes percent-encoded names', () => {
    expect(uploadsPath(`${SITE}/wp-content/uploads/2017/06/%C4%8Debelnjak.png`, SITE)).toBe('2017/06/čebelnjak.png');
  });

  it('refuses other hosts, other folders and paths that climb out of uploads', () => {
    expect(uploadsPath('https://cdn.example.org/wp-content/uploads/a.jpg', SITE)).toBeNull();
    expect(uploadsPath(`${SITE}/2017/06/14/novica/`, SITE)).toBeNull();
    expect(uploadsPath('mailto:info@koper-otok.si', SITE)).toBeNull();
    expect(uploadsPath(`${SITE}/wp-content/uploads/..%2F..%2Fwp-config.php`, SITE)).toBeNull();
    expect(uploadsPath(`${SITE}/wp-content/uploads/2017/`, SITE)).toBeNull();
  });
});

describe('finding files in the local uploads folder', () => {
  it('tries the file, then the original of a resized or scaled copy', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wordpress-uploads-'));
    try {
      mkdirSync(path.join(dir, '2016', '11'), { recursive: true });
      for (const name of ['foto.jpg', 'foto-300x200.jpg']) writeFileSync(path.join(dir, '2016', '11', name), 'x');
      expect(findLocalFile(dir, '2016/11/foto-300x200.jpg')?.relative).toBe('2016/11/foto-300x200.jpg');
      expect(findLocalFile(dir, '2016/11/foto-1024x768.jpg')?.relative).toBe('2016/11/foto.jpg');
      expect(findLocalFile(dir, '2016/11/foto-scaled.jpg')?.relative).toBe('2016/11/foto.jpg');
      expect(findLocalFile(dir, '2016/11/drugo-300x200.jpg')).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds files, falling back to the original, including names with Slovenian letters', () => {
    expect(findLocalFile(UPLOADS, '2017/06/koper-otok-trg.jpg')).toEqual({
      absolute: path.join(UPLOADS, '2017/06/koper-otok-trg.jpg'),
      relative: '2017/06/koper-otok-trg.jpg',
    });
    expect(findLocalFile(UPLOADS, '2016/11/delavnica-postojna-300x200.jpg')?.relative).toBe(
      '2016/11/delavnica-postojna.jpg',
    );
    expect(findLocalFile(UPLOADS, '2017/06/čebelnjak.png')?.relative).toBe('2017/06/čebelnjak.png');
  });

  it('returns null for a missing file or a folder', () => {
    expect(findLocalFile(UPLOADS, '2017/04/manjkajoca-slika.jpg')).toBeNull();
    expect(findLocalFile(UPLOADS, '2017/06')).toBeNull();
    expect(findLocalFile(UPLOADS, '../export.xml')).toBeNull();
  });

  it('names media after their uploads path', () => {
    expect(mediaLibraryName('2017/06/čebelnjak.png')).toBe('2017-06-čebelnjak.png');
    expect(mediaLibraryName('logo.png')).toBe('logo.png');
  });
});

describe('markdown targets', () => {
  const markdown =
    'Text [link](https://a.si/x "Naslov") and ![slika](https://a.si/x.jpg)\n\n[same again](https://a.si/x) https://a.si/x.jpg';

  it('lists link and image targets once each', () => {
    expect(markdownTargets(markdown)).toEqual(['https://a.si/x', 'https://a.si/x.jpg']);
  });

  it('replaces targets only, not the same URL in text', () => {
    expect(replaceMarkdownTargets(markdown, new Map([['https://a.si/x.jpg', 'http://cms/uploads/x_1.jpg']]))).toBe(
      'Text [link](https://a.si/x "Naslov") and ![slika](http://cms/uploads/x_1.jpg)\n\n[same again](https://a.si/x) https://a.si/x.jpg',
    );
  });
});

describe('readImageSize', () => {
  it('reads PNG and JPEG headers of the fixture images', () => {
    expect(readImageSize(readFileSync(path.join(UPLOADS, '2017/05/galerija-1.png')))).toEqual({ width: 12, height: 8 });
    expect(readImageSize(readFileSync(path.join(UPLOADS, '2017/06/koper-otok-trg.jpg')))).toEqual({
      width: 24,
      height: 16,
    });
    expect(readImageSize(readFileSync(path.join(UPLOADS, '2016/11/delavnica-postojna.jpg')))).toEqual({
      width: 30,
      height: 20,
    });
  });

  it('reads GIF and WebP headers', () => {
    const gif = Buffer.from('474946383961' + '0500' + '0300' + '000000', 'hex');
    expect(readImageSize(gif)).toEqual({ width: 5, height: 3 });
    const vp8x = Buffer.alloc(30);
    vp8x.write('RIFF', 0, 'latin1');
    vp8x.write('WEBP', 8, 'latin1');
    vp8x.write('VP8X', 12, 'latin1');
    vp8x.writeUIntLE(639, 24, 3);
    vp8x.writeUIntLE(479, 27, 3);
    expect(readImageSize(vp8x)).toEqual({ width: 640, height: 480 });
  });

  it('returns null for anything else', () => {
    expect(readImageSize(readFileSync(path.join(UPLOADS, '2017/03/urnik-delavnic-2017.pdf')))).toBeNull();
    expect(readImageSize(Buffer.from('hello'))).toBeNull();
    expect(readImageSize(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBeNull();
  });
});
