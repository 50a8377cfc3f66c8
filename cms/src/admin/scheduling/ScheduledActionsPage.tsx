/**
 * The page "Načrtovane objave" (main menu): every scheduled publish and unpublish the user may
 * see, for all types and languages, newest time first, with the reason of each failure and a
 * cancel button on pending ones. Each entry links to its edit view in that language.
 */
import * as React from 'react';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import { Badge, Box, Button, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { errorMessage } from '../fetch-error';
import { useScheduledActions, type ScheduledAction } from './api';
import { operationLabel, STATUS_VARIANT, statusLabel, whenLabel } from './labels';
import { messages } from './messages';

const COLUMNS = [
  messages.columnWhen,
  messages.columnEntry,
  messages.columnType,
  messages.columnLocale,
  messages.columnOperation,
  messages.columnStatus,
  messages.columnBy,
];

/** Content type UID -> its display name (the key the admin translates, e.g. "Article"). */
function useTypeNames(): Record<string, string> {
  const { get } = useFetchClient();
  const [names, setNames] = React.useState<Record<string, string>>({});
  React.useEffect(() => {
    get<{ data: { uid: string; info: { displayName: string } }[] }>('/content-manager/content-types').then(
      ({ data }) => setNames(Object.fromEntries(data.data.map((type) => [type.uid, type.info.displayName]))),
      () => setNames({}),
    );
  }, [get]);
  return names;
}

const editViewPath = (action: ScheduledAction) =>
  `/content-manager/collection-types/${action.contentType}/${action.documentId}?plugins[i18n][locale]=${action.locale}`;

function ActionRow({
  action,
  typeName,
  onCancel,
}: {
  action: ScheduledAction;
  typeName: string;
  onCancel: (id: number) => void;
}) {
  const intl = useIntl();
  return (
    <Tr>
      <Td>
        <Typography>{whenLabel(intl, action.runAt)}</Typography>
      </Td>
      <Td>
        <Link to={editViewPath(action)}>
          <Typography textColor="primary600">{action.title || intl.formatMessage(messages.untitled)}</Typography>
        </Link>
      </Td>
      <Td>
        <Typography>{intl.formatMessage({ id: typeName, defaultMessage: typeName })}</Typography>
      </Td>
      <Td>
        <Typography>{action.locale}</Typography>
      </Td>
      <Td>
        <Typography>{operationLabel(intl, action.action)}</Typography>
      </Td>
      <Td>
        <Box maxWidth="32rem">
          <Badge variant={STATUS_VARIANT[action.status]}>{statusLabel(intl, action.status)}</Badge>
          {action.message && (
            // Table cells keep to one line; a failure's reason wraps so the whole row stays in view.
            <Typography
              tag="p"
              variant="pi"
              textColor={action.status === 'failed' ? 'danger600' : 'neutral600'}
              style={{ whiteSpace: 'normal' }}
            >
              {action.message}
            </Typography>
          )}
        </Box>
      </Td>
      <Td>
        <Typography>{action.createdByName}</Typography>
      </Td>
      <Td>
        {action.status === 'pending' && (
          <Button variant="tertiary" size="S" onClick={() => onCancel(action.id)}>
            {intl.formatMessage(messages.cancel)}
          </Button>
        )}
      </Td>
    </Tr>
  );
}

export default function ScheduledActionsPage() {
  const intl = useIntl();
  const { toggleNotification } = useNotification();
  const { actions, error, cancel } = useScheduledActions({});
  const typeNames = useTypeNames();
  const onCancel = (id: number) =>
    cancel(id).then(
      () => toggleNotification({ type: 'success', message: intl.formatMessage(messages.cancelledNotice) }),
      (failure: unknown) => toggleNotification({ type: 'danger', message: errorMessage(failure) }),
    );

  if (error) return <Page.Error content={error} />;
  if (!actions) return <Page.Loading />;
  return (
    <Page.Main>
      <Page.Title>{intl.formatMessage(messages.pageTitle)}</Page.Title>
      <Layouts.Header
        title={intl.formatMessage(messages.pageTitle)}
        subtitle={intl.formatMessage(messages.pageSubtitle)}
      />
      <Layouts.Content>
        {actions.length === 0 ? (
          <Typography>{intl.formatMessage(messages.pageEmpty)}</Typography>
        ) : (
          <Table colCount={COLUMNS.length + 1} rowCount={actions.length + 1}>
            <Thead>
              <Tr>
                {COLUMNS.map((column) => (
                  <Th key={column.id}>
                    <Typography variant="sigma">{intl.formatMessage(column)}</Typography>
                  </Th>
                ))}
                <Th>
                  <Typography variant="sigma"> </Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {actions.map((action) => (
                <ActionRow
                  key={action.id}
                  action={action}
                  typeName={typeNames[action.contentType] ?? action.contentType}
                  onCancel={onCancel}
                />
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}
