/** The RSS 2.0 items of one language's news: full, sanitised content, as valid XML characters. */
import type { ArticleEntry } from './graph';
import { entryPath } from './routes';
import { withoutControlCharacters as xmlText } from './text';

export interface FeedItem {
  title: string;
  link: string;
  pubDate: Date;
  description: string;
  content: string;
}

export function newsFeedItems(articles: ArticleEntry[], limit = 50): FeedItem[] {
  return articles.slice(0, limit).map((article) => ({
    title: xmlText(article.title),
    link: entryPath('article', article.locale, article.slug),
    pubDate: new Date(`${article.publishedDate}T00:00:00Z`),
    description: xmlText(article.excerpt),
    content: xmlText(article.bodyHtml),
  }));
}
