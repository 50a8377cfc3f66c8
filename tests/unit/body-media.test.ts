// site/src/lib/media: which URLs belong to the media library, and how rendered markdown's
// images and file links become the site's own (optimised images, copies under /media/),
// on the HTML markdown.ts really produces.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../site/src/lib/content/markdown';
import { localiseBodyMedia, type BodyMediaServices } from '../../site/src/lib/media/body-media';
import { mediaFileAt, mediaLibraryMounts, mediaSource, type MediaFile } from '../../site/src/lib/media/media-library';
import { outputFile } from '../../site/src/lib/media/media-downloads';

const CMS = 'http://127.0.0.1:1400';
const mounts = mediaLibraryMounts({ strapiUrl: CMS, mediaUrl: CMS });

function fakeServices(): BodyMediaServices & { copied: MediaFile[]; optimised: string[] } {
  const copied: MediaFile[] = [];
  const optimised: string[] = [];
  return {
    copied,
    optimised,
    mediaFile: (url) => mediaFileAt(url, mounts),
    async optimiseImage(file) {
      optimised.push(file.source);
      return {
        src: '/_astro/photo.hash.jpg',
        srcset: '/_astro/photo.400.jpg 400w, /_astro/photo.hash.jpg 900w',
        width: 900,
        height: 600,
        sources: [
          { type: 'image/avif', srcset: '/_astro/photo.400.avif 400w, /_astro/photo.avif 900w' },
          { type: 'image/webp', srcset: '/_astro/photo.400.webp 400w, /_astro/photo.webp 900w' },
        ],
      };
    },
    copyFile(file) {
      copied.push(file);
      return file.sitePath;
    },
  };
}

const SIZES = '(min-width: 44rem) 42rem, 100vw';

describe('mediaFileAt', () => {
  it("recognises Strapi's /uploads/ and keeps the file name as the site path", () => {
    expect(mediaFileAt(`${CMS}/uploads/report_a1b2.pdf?x=1#p2`, mounts)).toEqual({
      source: `${CMS}/uploads/report_a1b2.pdf`,
      sitePath: '/media/report_a1b2.pdf',
    });
  });

  it('leaves other hosts, other Strapi paths and folders alone', () => {
    expect(mediaFileAt('https://example.org/uploads/x.jpg', mounts)).toBeNull();
    expect(mediaFileAt(`${CMS}/admin/`, mounts)).toBeNull();
    expect(mediaFileAt(`${CMS}/uploads/`, mounts)).toBeNull();
    expect(mediaFileAt('/uploads/x.jpg', mounts)).toBeNull();
  });

  it('treats everything under a MEDIA_URL on its own host (bucket, CDN) as media, fetched from there', () => {
    const bucket = mediaLibraryMounts({ strapiUrl: CMS, mediaUrl: 'https://bucket.example.net/koper/' });
    expect(mediaFileAt('https://bucket.example.net/koper/photo_1.jpg', bucket)).toEqual({
      source: 'https://bucket.example.net/koper/photo_1.jpg',
      sitePath: '/media/photo_1.jpg',
    });
    expect(mediaFileAt(`${CMS}/uploads/photo_1.jpg`, bucket)?.sitePath).toBe('/media/photo_1.jpg');
    expect(mediaFileAt('https://bucket.example.net/other/photo_1.jpg', bucket)).toBeNull();
  });

  it("fetches files named by Strapi's public address from STRAPI_URL, which the build reaches", () => {
    const library = mediaLibraryMounts({
      strapiUrl: CMS,
      strapiPublicUrl: 'https://cms.koper-otok.si/',
      mediaUrl: CMS,
    });
    expect(mediaFileAt('https://cms.koper-otok.si/uploads/porocilo_9f.pdf', library)).toEqual({
      source: `${CMS}/uploads/porocilo_9f.pdf`,
      sitePath: '/media/porocilo_9f.pdf',
    });
    expect(mediaFileAt('https://cms.koper-otok.si/admin/', library)).toBeNull();
    const publicAsMediaUrl = mediaLibraryMounts({ strapiUrl: CMS, mediaUrl: 'https://cms.koper-otok.si' });
    expect(mediaFileAt('https://cms.koper-otok.si/admin', publicAsMediaUrl)).toBeNull();
    expect(mediaFileAt('https://cms.koper-otok.si/uploads/a_1.pdf', publicAsMediaUrl)?.sitePath).toBe('/media/a_1.pdf');
  });
});

describe('mediaSource (covers and logos)', () => {
  const bucket = { strapiUrl: CMS, mediaUrl: 'http://127.0.0.1:7480/koper-otok-media' };

  it('downloads a file from the bucket Strapi put it in, or from Strapi for its own uploads', () => {
    expect(mediaSource('http://127.0.0.1:7480/koper-otok-media/trg_ab12.jpg', bucket)).toBe(
      'http://127.0.0.1:7480/koper-otok-media/trg_ab12.jpg',
    );
    expect(mediaSource(`${CMS}/uploads/trg_ab12.jpg`, bucket)).toBe(`${CMS}/uploads/trg_ab12.jpg`);
  });

  it('refuses another bucket on the same server, another host and a path that climbs out', () => {
    for (const url of [
      'http://127.0.0.1:7480/other-bucket/x.jpg',
      'http://127.0.0.1:7480/koper-otok-media-old/x.jpg',
      'https://attacker.example/koper-otok-media/x.jpg',
      `${CMS}/admin/x.jpg`,
    ]) {
      expect(() => mediaSource(url, bucket), url).toThrow(/set MEDIA_URL to its public address/);
    }
  });
});

describe('outputFile', () => {
  it('decodes the path into outDir and refuses one that would leave it', () => {
    expect(outputFile('/out', '/media/a%20b.pdf')).toBe('/out/media/a b.pdf');
    expect(() => outputFile('/out', '/media/%2e%2e/x')).toThrow(/inside the site/);
    expect(() => outputFile('/out', '/media/a%2Fb')).toThrow(/inside the site/);
  });
});

describe('localiseBodyMedia on rendered markdown', () => {
  it('turns a media-library image into a local <picture> with srcset, size and lazy loading', async () => {
    const services = fakeServices();
    const html = renderMarkdown(`Text\n\n![Mestno "jedro" & morje](${CMS}/uploads/jedro_1.jpg "Koper")`);
    const out = await localiseBodyMedia(html, services, { sizes: SIZES });
    expect(services.optimised).toEqual([`${CMS}/uploads/jedro_1.jpg`]);
    expect(out).not.toContain(CMS);
    expect(out).toContain(
      `<picture><source type="image/avif" srcset="/_astro/photo.400.avif 400w, /_astro/photo.avif 900w" sizes="${SIZES}" />`,
    );
    expect(out).toMatch(
      /<img src="\/_astro\/photo\.hash\.jpg" srcset="[^"]+900w" sizes="[^"]+" alt="Mestno &quot;jedro&quot; &amp; morje" title="Koper" width="900" height="600" loading="lazy" decoding="async" \/><\/picture>/,
    );
    expect(out.startsWith('<p>Text</p>')).toBe(true);
  });

  it('copies a linked media file under /media/ and points the link there', async () => {
    const services = fakeServices();
    const html = renderMarkdown(`[Poročilo (PDF)](${CMS}/uploads/porocilo_9f.pdf)`);
    const out = await localiseBodyMedia(html, services, { sizes: SIZES });
    expect(services.copied).toEqual([{ source: `${CMS}/uploads/porocilo_9f.pdf`, sitePath: '/media/porocilo_9f.pdf' }]);
    expect(out).toContain('href="/media/porocilo_9f.pdf"');
    expect(out).toContain('>Poročilo (PDF)</a>');
    expect(out).not.toContain(CMS);
  });

  it('copies SVG and GIF images as they are instead of re-encoding them', async () => {
    const services = fakeServices();
    const html = renderMarkdown(`![Zemljevid](${CMS}/uploads/map.svg)`);
    const out = await localiseBodyMedia(html, services, { sizes: SIZES });
    expect(services.optimised).toEqual([]);
    expect(out).toContain('<img src="/media/map.svg" alt="Zemljevid"');
  });

  it('leaves external images and links exactly as they were', async () => {
    const services = fakeServices();
    const html = renderMarkdown('![Other](https://example.org/uploads/x.jpg) [site](https://example.org/a.pdf)');
    expect(await localiseBodyMedia(html, services, { sizes: SIZES })).toBe(html);
    expect(services.copied).toEqual([]);
  });

  it('gives a feed one absolute image and absolute file links on the site', async () => {
    const services = fakeServices();
    const site = new URL('https://www.koper-otok.test/');
    const html = renderMarkdown(`![Jedro](${CMS}/uploads/jedro_1.jpg) [PDF](${CMS}/uploads/a.pdf)`);
    const out = await localiseBodyMedia(html, services, { sizes: SIZES, absoluteBase: site });
    expect(out).not.toContain('<picture>');
    expect(out).not.toContain('srcset');
    expect(out).toContain('<img src="https://www.koper-otok.test/_astro/photo.hash.jpg" alt="Jedro" width="900"');
    expect(out).toContain('href="https://www.koper-otok.test/media/a.pdf"');
  });
});
