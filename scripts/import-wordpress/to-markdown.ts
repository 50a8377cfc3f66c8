/**
 * WordPress post content -> markdown for Strapi's richtext field (rendered by the site with marked,
 * GFM). Three steps: shortcodes become HTML (shortcodes.ts), classic-editor text gets its
 * paragraphs (autop.ts), then turndown converts the HTML, with rules for what WordPress content
 * has and turndown's defaults lose: tables (kept as GFM tables), figures with captions, images
 * wrapped in a link to their own full-size file, and embedded iframes.
 */
import TurndownService from 'turndown';
import { autop } from './autop.ts';
import { expandShortcodes, type ShortcodeContext } from './shortcodes.ts';

export interface MarkdownResult {
  markdown: string;
  /** The HTML that was converted (shortcodes expanded, paragraphs added): excerpts come from it. */
  html: string;
  warnings: string[];
}

/** A URL as markdown writes it: characters that would end or split the link are escaped. */
const markdownUrl = (url: string) =>
  url.trim().replace(/[\s()<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const markdownText = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([\\[\]])/g, '\\$1');

const IMAGE_FILE = /\.(jpe?g|png|gif|webp|avif|svg|bmp|tiff?)(\?.*)?$/i;

function imageMarkdown(node: HTMLElement): string {
  const src = node.getAttribute('src');
  if (!src) return '';
  const title = node.getAttribute('title');
  const titlePart = title ? ` "${title.replace(/"/g, '\\"')}"` : '';
  return `![${markdownText(node.getAttribute('alt') ?? '')}](${markdownUrl(src)}${titlePart})`;
}

/** <a href="full.jpg"><img src="full-300x200.jpg"></a>: WordPress's "link to media file". */
function isImageLinkedToFile(node: HTMLElement): boolean {
  if (node.nodeName !== 'A' || !IMAGE_FILE.test(node.getAttribute('href') ?? '')) return false;
  const children = Array.from(node.childNodes).filter(
    (child) => child.nodeType !== 3 || child.textContent!.trim() !== '',
  );
  return children.length === 1 && children[0].nodeName === 'IMG';
}

function cellAlignment(cell: HTMLElement): string {
  const align = (
    cell.getAttribute('align') ??
    cell.getAttribute('style')?.match(/text-align:\s*(\w+)/i)?.[1] ??
    ''
  ).toLowerCase();
  return align === 'center' ? ':---:' : align === 'right' ? '---:' : align === 'left' ? ':---' : '---';
}

const elementChildren = (node: Element, names: string[]) =>
  Array.from(node.children).filter((child) => names.includes(child.nodeName));

/** Rows of a table in document order, from thead/tbody/tfoot or directly under <table>. */
function tableRows(table: HTMLElement): HTMLElement[] {
  return elementChildren(table, ['THEAD', 'TBODY', 'TFOOT', 'TR']).flatMap((section) =>
    section.nodeName === 'TR' ? [section] : elementChildren(section, ['TR']),
  ) as HTMLElement[];
}

function createTurndown(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    hr: '---',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
  });
  service.remove(['script', 'style', 'noscript', 'form', 'button', 'input', 'select', 'textarea']);

  // A table cell's content on one line: GFM cells cannot hold blocks, so breaks become <br>.
  // Converted on its own, "5. 6. 2017" would be escaped as a list item; in a cell it is not one.
  const cellMarkdown = (cell: HTMLElement) =>
    service
      .turndown(cell.innerHTML)
      .trim()
      .replace(/(\d+)\\\./g, '$1.')
      .replace(/\s*\n+\s*/g, ' <br> ')
      .replace(/\|/g, '\\|') || ' ';

  // "- item" and "1. item" with a single space (turndown pads to four columns); continuation
  // lines are indented to the item's text so nested lists stay nested.
  service.addRule('listItem', {
    filter: 'li',
    replacement(content, node) {
      const parent = node.parentNode as HTMLElement;
      const start = Number(parent.getAttribute?.('start') ?? 1);
      const index = Array.prototype.indexOf.call(parent.children, node);
      const prefix = parent.nodeName === 'OL' ? `${start + index}. ` : '- ';
      const isParagraph = /\n$/.test(content);
      const text = content.replace(/^\n+|\n+$/g, '') + (isParagraph ? '\n' : '');
      return prefix + text.replace(/\n/g, `\n${' '.repeat(prefix.length)}`) + (node.nextSibling ? '\n' : '');
    },
  });

  service.addRule('table', {
    filter: 'table',
    replacement(_content, node) {
      const rows = tableRows(node as HTMLElement)
        .map((row) => {
          const cells = elementChildren(row, ['TH', 'TD']) as HTMLElement[];
          return cells.flatMap((cell) => [
            cellMarkdown(cell),
            ...Array(Math.max(0, Number(cell.getAttribute('colspan') ?? 1) - 1)).fill(' '),
          ]);
        })
        .filter((cells) => cells.length > 0);
      if (rows.length === 0) return '';
      const width = Math.max(...rows.map((cells) => cells.length));
      const pad = (cells: string[]) => [...cells, ...Array(width - cells.length).fill(' ')];
      const firstRowCells = elementChildren(tableRows(node as HTMLElement)[0], ['TH', 'TD']) as HTMLElement[];
      const alignments = pad(firstRowCells.map(cellAlignment)).map((a) => (a === ' ' ? '---' : a));
      const line = (cells: string[]) => `| ${pad(cells).join(' | ')} |`;
      const [header, ...body] = rows;
      return `\n\n${[line(header), `| ${alignments.join(' | ')} |`, ...body.map(line)].join('\n')}\n\n`;
    },
  });

  service.addRule('figcaption', {
    filter: 'figcaption',
    replacement: (content) => (content.trim() ? `\n\n*${content.trim()}*\n\n` : ''),
  });
  service.addRule('figure', {
    filter: 'figure',
    replacement: (content) => `\n\n${content.trim()}\n\n`,
  });
  service.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => imageMarkdown(node as HTMLElement),
  });
  service.addRule('imageLinkedToFile', {
    filter: (node) => isImageLinkedToFile(node as HTMLElement),
    replacement: (content) => content,
  });
  service.addRule('iframe', {
    filter: 'iframe',
    replacement(_content, node) {
      const src = (node as HTMLElement).getAttribute('src');
      return src ? `\n\n[${markdownText(src)}](${markdownUrl(src)})\n\n` : '';
    },
  });
  return service;
}

const turndown = createTurndown();

/** Converts one post's content; `context` lets [gallery] find the export's images. */
export function wordpressToMarkdown(content: string, context: ShortcodeContext): MarkdownResult {
  const warnings: string[] = [];
  const { html: expanded } = expandShortcodes(content, context, warnings);
  const html = autop(expanded);
  if (/<iframe\b/i.test(html)) warnings.push('embedded iframe replaced by a link to its address');
  const markdown =
    html.trim() === ''
      ? ''
      : turndown
          .turndown(html)
          .replace(/\n{3,}/g, '\n\n')
          .trim();
  return { markdown, html, warnings };
}
