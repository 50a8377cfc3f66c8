/**
 * The panel's strings: keys of translations/en.json (English, the fallback) translated in
 * translations/sl.json; the admin picks the staff member's interface language.
 */
import { useIntl } from 'react-intl';
import ownEnglish from '../translations/en.json';

export type RevisionMessage = keyof typeof ownEnglish;
type Values = Record<string, string | number>;

export function useRevisionMessages(): (id: RevisionMessage, values?: Values) => string {
  const { formatMessage } = useIntl();
  return (id, values) => formatMessage({ id, defaultMessage: ownEnglish[id] }, values);
}

/** Strapi's fetch client throws errors that carry the server's JSON answer; its message is in Slovenian and English. */
export function errorMessage(error: unknown): string {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
  const answer = isObject(error) && isObject(error.response) ? error.response.data : undefined;
  const message = isObject(answer) && isObject(answer.error) ? answer.error.message : undefined;
  if (typeof message === 'string') return message;
  return error instanceof Error ? error.message : String(error);
}
