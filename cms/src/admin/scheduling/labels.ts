/** Shared display helpers of the panel and the list page. */
import type { useIntl } from 'react-intl';
import { formatLjubljana } from '../../scheduling/ljubljana-time';
import type { ScheduledAction } from './api';
import { messages } from './messages';

type Intl = ReturnType<typeof useIntl>;

export const operationLabel = (intl: Intl, action: ScheduledAction['action']) => intl.formatMessage(messages[action]);

export const statusLabel = (intl: Intl, status: ScheduledAction['status']) => intl.formatMessage(messages[status]);

/** "5. dec. 2026, 14:30 (Europe/Ljubljana)" in the admin's interface language. */
export const whenLabel = (intl: Intl, runAt: string) => formatLjubljana(runAt, intl.locale);

export const STATUS_VARIANT: Record<ScheduledAction['status'], 'secondary' | 'success' | 'danger' | 'neutral'> = {
  pending: 'secondary',
  running: 'secondary',
  done: 'success',
  failed: 'danger',
  cancelled: 'neutral',
};
