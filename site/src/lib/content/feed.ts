/** The RSS 2.0 items of one language's news: full, sanitised content. */
import type { ArticleEntry } from './graph';
import { entryPath } from './routes';

export interface FeedItem {
  title: string;
  link: string;
  pubDate: Date;
  description: string;
  content: string;
}

export function newsFeedItems(articles: ArticleEntry[], limit = 50): FeedItem[] {
  return articles.slice(0, limit).map((article) => ({
    title: article.title,
    link: entryPath('article', article.locale, article.slug),
    pubDate: new Date(`${article.publishedDate}T00:00:00Z`),
    description: article.excerpt,
    content: article.bodyHtml,
  }));
}
