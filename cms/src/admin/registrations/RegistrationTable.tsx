/** One workshop's registrations: who, their state, when they registered, and the staff's actions on each. */
import { useIntl } from 'react-intl';
import { Badge, Button, Flex, Td, Tr, Typography } from '@strapi/design-system';
import type { StaffRegistration } from './api';
import { ColumnTable } from './ColumnTable';
import { ljubljanaDate, STATE_VARIANT } from './labels';
import { useRegistrationMessages, type RegistrationMessage } from './messages';

const COLUMNS: RegistrationMessage[] = [
  'column.name',
  'column.email',
  'column.organisation',
  'column.role',
  'column.state',
  'column.registeredAt',
  'column.language',
  'column.actions',
];

export interface RowActions {
  onMoveUp(registration: StaffRegistration): void;
  onCancel(registration: StaffRegistration): void;
}

function RegistrationRow({ registration, actions }: { registration: StaffRegistration; actions: RowActions }) {
  const intl = useIntl();
  const message = useRegistrationMessages();
  const name = registration.name ?? message('erased');
  return (
    <Tr>
      <Td>
        <Typography>{name}</Typography>
      </Td>
      <Td>
        <Typography>{registration.email}</Typography>
      </Td>
      <Td>
        <Typography>{registration.organisation}</Typography>
      </Td>
      <Td>
        <Typography>{registration.role}</Typography>
      </Td>
      <Td>
        <Badge variant={STATE_VARIANT[registration.state]}>{message(`state.${registration.state}`)}</Badge>
      </Td>
      <Td>
        <Typography>{registration.consentAt ? ljubljanaDate(intl, registration.consentAt) : ''}</Typography>
      </Td>
      <Td>
        <Typography>{message(`language.${registration.language}`)}</Typography>
      </Td>
      <Td>
        <Flex gap={2}>
          {registration.state === 'waiting' && (
            <Button
              variant="secondary"
              size="S"
              aria-label={message('action.moveUp.label', { name })}
              onClick={() => actions.onMoveUp(registration)}
            >
              {message('action.moveUp')}
            </Button>
          )}
          {registration.state !== 'cancelled' && (
            <Button
              variant="danger-light"
              size="S"
              aria-label={message('action.cancel.label', { name })}
              onClick={() => actions.onCancel(registration)}
            >
              {message('action.cancel')}
            </Button>
          )}
        </Flex>
      </Td>
    </Tr>
  );
}

export function RegistrationTable({
  title,
  registrations,
  actions,
}: {
  title: string;
  registrations: StaffRegistration[];
  actions: RowActions;
}) {
  const message = useRegistrationMessages();
  if (registrations.length === 0) return <Typography>{message('detail.empty')}</Typography>;
  return (
    <ColumnTable columns={COLUMNS} rowCount={registrations.length} label={message('detail.caption', { title })}>
      {registrations.map((registration) => (
        <RegistrationRow key={registration.id} registration={registration} actions={actions} />
      ))}
    </ColumnTable>
  );
}
