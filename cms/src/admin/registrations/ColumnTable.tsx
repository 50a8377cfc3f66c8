/** The design system's table with the page's translated column heads; the rows come as children. */
import type { ReactNode } from 'react';
import { Table, Tbody, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useRegistrationMessages, type RegistrationMessage } from './messages';

export function ColumnTable({
  columns,
  rowCount,
  label,
  children,
}: {
  columns: RegistrationMessage[];
  rowCount: number;
  label: string;
  children: ReactNode;
}) {
  const message = useRegistrationMessages();
  return (
    <Table colCount={columns.length} rowCount={rowCount + 1} aria-label={label}>
      <Thead>
        <Tr>
          {columns.map((column) => (
            <Th key={column}>
              <Typography variant="sigma">{message(column)}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>{children}</Tbody>
    </Table>
  );
}
