/**
 * The registrations page's strings: keys of translations/en.json (English, the fallback)
 * translated in translations/sl.json; the admin picks the staff member's interface language.
 */
import { useIntl } from 'react-intl';
import ownEnglish from '../translations/en.json';

type OwnKey = keyof typeof ownEnglish;
export type RegistrationMessage = OwnKey extends infer Key
  ? Key extends `registrations.${infer Rest}`
    ? Rest
    : never
  : never;
type Values = Record<string, string | number>;

/** `message('list.title')` -> the text of "registrations.list.title" in the interface language. */
export function useRegistrationMessages(): (id: RegistrationMessage, values?: Values) => string {
  const { formatMessage } = useIntl();
  return (id, values) => {
    const key: OwnKey = `registrations.${id}`;
    return formatMessage({ id: key, defaultMessage: ownEnglish[key] }, values);
  };
}

export const menuLabel = { id: 'registrations.menu', defaultMessage: ownEnglish['registrations.menu'] };
