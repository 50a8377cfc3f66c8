/**
 * The edit view's side panel "Načrtovana objava": schedule a publish or unpublish of this entry
 * in the language being edited, at a date and time in Ljubljana time, and see or cancel what is
 * scheduled for it. Failed actions stay listed with the reason.
 */
import * as React from 'react';
import { useIntl } from 'react-intl';
import {
  Badge,
  Box,
  Button,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { ljubljanaToUtc, ljubljanaWallTime } from '../../scheduling/ljubljana-time';
import { errorMessage } from '../fetch-error';
import { useScheduledActions, type ScheduledAction } from './api';
import { operationLabel, STATUS_VARIANT, statusLabel, whenLabel } from './labels';
import { messages } from './messages';

const HOUR_MS = 3_600_000;

interface EntryRef {
  contentType: string;
  documentId: string;
  locale: string;
}

function ActionRow({ action, onCancel }: { action: ScheduledAction; onCancel: (id: number) => void }) {
  const intl = useIntl();
  return (
    <Box paddingTop={2} paddingBottom={2}>
      <Flex justifyContent="space-between" gap={2}>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography variant="omega" fontWeight="bold">
            {operationLabel(intl, action.action)}
          </Typography>
          <Typography variant="pi">{whenLabel(intl, action.runAt)}</Typography>
          <Badge variant={STATUS_VARIANT[action.status]}>{statusLabel(intl, action.status)}</Badge>
          {action.message && (
            <Typography variant="pi" textColor={action.status === 'failed' ? 'danger600' : 'neutral600'}>
              {action.message}
            </Typography>
          )}
        </Flex>
        {action.status === 'pending' && (
          <Button variant="tertiary" size="S" onClick={() => onCancel(action.id)}>
            {intl.formatMessage(messages.cancel)}
          </Button>
        )}
      </Flex>
    </Box>
  );
}

function ScheduleForm({
  entry,
  onSchedule,
}: {
  entry: EntryRef;
  onSchedule: (runAt: string, action: ScheduledAction['action']) => Promise<void>;
}) {
  const intl = useIntl();
  const inAnHour = ljubljanaWallTime(new Date(Date.now() + HOUR_MS));
  const [operation, setOperation] = React.useState<ScheduledAction['action']>('publish');
  const [date, setDate] = React.useState(inAnHour.date);
  const [time, setTime] = React.useState(inAnHour.time);
  const [problem, setProblem] = React.useState<string | null>(null);

  const submit = async () => {
    const runAt = ljubljanaToUtc({ date, time });
    if (!runAt) return setProblem(intl.formatMessage(messages.invalidTime));
    setProblem(null);
    await onSchedule(runAt.toISOString(), operation).catch((error: unknown) => setProblem(errorMessage(error)));
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2} key={`${entry.documentId}-${entry.locale}`}>
      <Field.Root name="scheduling-operation">
        <Field.Label>{intl.formatMessage(messages.operation)}</Field.Label>
        <SingleSelect
          value={operation}
          onChange={(value: string | number) => setOperation(value === 'unpublish' ? 'unpublish' : 'publish')}
        >
          <SingleSelectOption value="publish">{intl.formatMessage(messages.publish)}</SingleSelectOption>
          <SingleSelectOption value="unpublish">{intl.formatMessage(messages.unpublish)}</SingleSelectOption>
        </SingleSelect>
      </Field.Root>
      <Field.Root name="scheduling-date">
        <Field.Label>{intl.formatMessage(messages.date)}</Field.Label>
        <TextInput
          type="date"
          value={date}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setDate(event.target.value)}
        />
      </Field.Root>
      <Field.Root name="scheduling-time" error={problem ?? undefined}>
        <Field.Label>{intl.formatMessage(messages.time)}</Field.Label>
        <TextInput
          type="time"
          value={time}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setTime(event.target.value)}
        />
        <Field.Error />
      </Field.Root>
      <Button variant="secondary" fullWidth onClick={submit}>
        {intl.formatMessage(messages.schedule)}
      </Button>
    </Flex>
  );
}

function SchedulePanelContent({ entry }: { entry: EntryRef }) {
  const intl = useIntl();
  const { toggleNotification } = useNotification();
  const { actions, error, schedule, cancel } = useScheduledActions({ ...entry });

  const onSchedule = async (runAt: string, action: ScheduledAction['action']) => {
    await schedule({ ...entry, action, runAt });
    toggleNotification({ type: 'success', message: intl.formatMessage(messages.scheduled) });
  };
  const onCancel = (id: number) =>
    cancel(id).then(
      () => toggleNotification({ type: 'success', message: intl.formatMessage(messages.cancelledNotice) }),
      (failure: unknown) => toggleNotification({ type: 'danger', message: errorMessage(failure) }),
    );

  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      <ScheduleForm entry={entry} onSchedule={onSchedule} />
      {error && (
        <Typography variant="pi" textColor="danger600">
          {error}
        </Typography>
      )}
      {actions?.length === 0 && <Typography variant="pi">{intl.formatMessage(messages.noneForEntry)}</Typography>}
      {actions?.map((action) => (
        <ActionRow key={action.id} action={action} onCancel={onCancel} />
      ))}
    </Flex>
  );
}

/** Shown for saved entries of types with drafts; a new entry is saved first. */
export const SchedulePanel: PanelComponent = ({ model, documentId, document, activeTab }) => {
  const intl = useIntl();
  const title = intl.formatMessage(messages.panelTitle);
  if (activeTab === null) return null;
  const locale = typeof document?.locale === 'string' ? document.locale : null;
  if (!documentId || !locale)
    return { title, content: <Typography variant="pi">{intl.formatMessage(messages.saveFirst)}</Typography> };
  return { title, content: <SchedulePanelContent entry={{ contentType: model, documentId, locale }} /> };
};
