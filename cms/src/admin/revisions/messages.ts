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
