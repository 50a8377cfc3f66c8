// scripts/import-wordpress/parse-wxr.ts on the fixture export: items, fields and Slovenian text
// come through intact; a malformed or foreign file is refused with the file and line named.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWxr, readWxrFile, WxrError } from '../../scripts/import-wordpress/parse-wxr.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'wordpress');
const EXPORT = path.join(FIXTURES, 'export.xml');
const MALFORMED = path.join(FIXTURES, 'malformed.xml');
const wxr = readWxrFile(EXPORT);
const item = (id: number) => wxr.items.find((i) => i.id === id)!;

describe('readWxrFile on the fixture', () => {
  it('reads every item with its type', () => {
    const byType = (type: string) => wxr.items.filter((i) => i.type === type).length;
    expect(byType('post')).toBe(24);
    expect(byType('attachment')).toBe(8);
    expect(byType('page')).toBe(1);
    expect(byType('nav_menu_item')).toBe(1);
    expect(wxr.siteUrl).toBe('https://www.koper-otok.si');
  });

  it('keeps Slovenian letters in titles, content and terms', () => {
    expect(item(101).title).toBe('Živahno mestno jedro Kopra');
    expect(item(101).content).toContain('čevljarje, šivilje, slaščičarje');
    expect(item(117).title).toBe('Čokoladni dan v Ljubljani');
    expect(item(101).terms).toContainEqual({ domain: 'category', nicename: 'obalno-kraska', name: 'Obalno-kraška' });
    expect(item(115).terms).toContainEqual({ domain: 'post_tag', nicename: 'obalno-kraska-2', name: 'obalno kraška' });
  });

  it('decodes HTML entities in titles, every named one included', () => {
    expect(item(119).title).toBe('Koper & Izola – skupaj za mestna središča');
    expect(item(124).title).toBe('Prešernov trg in čebelnjak'); // &scaron; and &ccaron;
  });

  it('keeps every value a string: numeric titles and slugs are not turned into numbers', () => {
    expect(item(108).postName).toBe('108');
    expect(item(108).title).toBe('');
    expect(typeof item(101).date).toBe('string');
  });

  it('reads the fields the importer maps', () => {
    const post = item(101);
    expect(post).toMatchObject({
      link: 'https://www.koper-otok.si/2017/06/14/zivahno-mestno-jedro-kopra/',
      date: '2017-06-14 09:30:00',
      postName: 'zivahno-mestno-jedro-kopra',
      status: 'publish',
      parentId: 0,
      password: '',
    });
    expect(post.meta._thumbnail_id).toBe('201');
    expect(item(106)).toMatchObject({ status: 'draft', postName: '', dateGmt: '0000-00-00 00:00:00' });
    expect(item(122).password).toBe('clani2017');
    expect(item(115).excerpt).toBe(
      'Tudi obalni občini <em>Izola</em> in Piran se pridružujeta projektu – več kot 20 novih ponudnikov.',
    );
  });

  it('reads attachments with their URL, parent and alt text', () => {
    expect(item(201)).toMatchObject({
      type: 'attachment',
      parentId: 101,
      attachmentUrl: 'https://www.koper-otok.si/wp-content/uploads/2017/06/koper-otok-trg.jpg',
    });
    expect(item(201).meta._wp_attachment_image_alt).toBe('Titov trg v Kopru z Loggio');
    expect(item(207).attachmentUrl).toBe('https://www.koper-otok.si/wp-content/uploads/2017/06/čebelnjak.png');
  });

  it('keeps shortcodes and CDATA content as written, up to the last bracket', () => {
    expect(item(104).content).toBe('Utrinki z dneva odprtih vrat v Ljubljani.\n\n[gallery ids="203,204" columns="2"]');
    expect(item(102).content).toContain('[caption id="attachment_202" align="aligncenter" width="20"]<img');
  });
});

describe('broken and foreign files', () => {
  it('refuses malformed XML with the file, line and column, before returning anything', () => {
    let error: WxrError | undefined;
    try {
      readWxrFile(MALFORMED);
    } catch (e) {
      error = e as WxrError;
    }
    expect(error).toBeInstanceOf(WxrError);
    expect(error!.file).toBe(MALFORMED);
    expect(error!.line).toBe(44);
    expect(error!.message).toContain(`${MALFORMED}:44:`);
    expect(error!.message).toMatch(/not well-formed XML: .*wp:status.*wp:statuss/);
    expect(error!.message).toContain('Nothing was imported');
  });

  it('refuses an export cut off in the middle', () => {
    const cut = readFileSync(EXPORT, 'utf8').slice(0, 20_000);
    expect(() => parseWxr(cut, 'cut.xml')).toThrow(/^cut\.xml:\d+:\d+: not well-formed XML/);
  });

  it('refuses well-formed XML that is not a WordPress export', () => {
    expect(() => parseWxr('<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>', 'feed.xml')).toThrow(
      /feed\.xml: not a WordPress export \(WXR\)/,
    );
    expect(() => parseWxr('<html><body/></html>', 'page.xml')).toThrow(/page\.xml: not a WordPress export/);
  });

  it('refuses an item without post id or type', () => {
    const xml = '<rss><channel><wp:wxr_version>1.2</wp:wxr_version><item><title>Brez id</title></item></channel></rss>';
    expect(() => parseWxr(xml, 'x.xml')).toThrow('x.xml: item 1 ("Brez id") has no wp:post_id or wp:post_type');
  });

  it('names a file that cannot be read', () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'wxr-')), 'nope.xml');
    expect(() => readWxrFile(missing)).toThrow(WxrError);
    expect(() => readWxrFile(missing)).toThrow(`${missing}: cannot read the export`);
  });

  it('accepts an empty but valid export', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wxr-'));
    const file = path.join(dir, 'empty.xml');
    writeFileSync(
      file,
      '<?xml version="1.0"?><rss><channel><wp:wxr_version>1.2</wp:wxr_version><link>https://a.si/</link></channel></rss>',
    );
    expect(readWxrFile(file)).toEqual({ file, siteUrl: 'https://a.si', items: [] });
  });
});
