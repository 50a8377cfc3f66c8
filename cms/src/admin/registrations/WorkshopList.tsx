/** The workshops that take or took registrations, with confirmed places against capacity and the other counts. */
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import { Badge, Td, Tr, Typography, VisuallyHidden } from '@strapi/design-system';
import type { WorkshopSummary } from './api';
import { ColumnTable } from './ColumnTable';
import { isOverCapacity, ljubljanaDate, placesLabel } from './labels';
import { useRegistrationMessages, type RegistrationMessage } from './messages';

const COLUMNS: RegistrationMessage[] = [
  'column.workshop',
  'column.date',
  'column.places',
  'column.waiting',
  'column.pending',
  'column.cancelled',
  'column.registration',
];

function WorkshopRow({ workshop }: { workshop: WorkshopSummary }) {
  const intl = useIntl();
  const message = useRegistrationMessages();
  return (
    <Tr>
      <Td>
        <Link to={`?workshop=${encodeURIComponent(workshop.documentId)}`}>
          <Typography textColor="primary600">{workshop.title}</Typography>
        </Link>
      </Td>
      <Td>
        <Typography>{workshop.startsAt ? ljubljanaDate(intl, workshop.startsAt) : message('date.none')}</Typography>
      </Td>
      <Td>
        <Typography textColor={isOverCapacity(workshop) ? 'danger600' : undefined}>
          {placesLabel(message, workshop)}
        </Typography>
        {isOverCapacity(workshop) && <VisuallyHidden>{message('places.over')}</VisuallyHidden>}
      </Td>
      <Td>
        <Typography>{workshop.counts.waiting}</Typography>
      </Td>
      <Td>
        <Typography>{workshop.counts.pending}</Typography>
      </Td>
      <Td>
        <Typography>{workshop.counts.cancelled}</Typography>
      </Td>
      <Td>
        <Badge variant={workshop.registrationOpen ? 'success' : 'neutral'}>
          {message(workshop.registrationOpen ? 'open' : 'closed')}
        </Badge>
      </Td>
    </Tr>
  );
}

export function WorkshopList({ workshops }: { workshops: WorkshopSummary[] }) {
  const message = useRegistrationMessages();
  if (workshops.length === 0) return <Typography>{message('list.empty')}</Typography>;
  return (
    <ColumnTable columns={COLUMNS} rowCount={workshops.length} label={message('list.caption')}>
      {workshops.map((workshop) => (
        <WorkshopRow key={workshop.documentId} workshop={workshop} />
      ))}
    </ColumnTable>
  );
}
