/**
 * One workshop: its places against capacity, the CSV download, closing registration, and its
 * registrations with moving up and cancelling, each after a confirmation dialog that says what
 * will happen (who is e-mailed, and that a place given by hand may exceed capacity).
 */
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { NavLink } from 'react-router-dom';
import { Button, Dialog, Flex, Link, Typography } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { ConfirmDialog, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { errorMessage } from '../fetch-error';
import { useWorkshopRegistrations, type StaffRegistration, type WorkshopSummary } from './api';
import { isFull, ljubljanaDate, placesLabel, saveFile } from './labels';
import { useRegistrationMessages } from './messages';
import { RegistrationTable } from './RegistrationTable';

type Pending =
  | { kind: 'moveUp'; registration: StaffRegistration }
  | { kind: 'cancel'; registration: StaffRegistration }
  | { kind: 'close' };

function Summary({ workshop }: { workshop: WorkshopSummary }) {
  const intl = useIntl();
  const message = useRegistrationMessages();
  const { waiting, pending, cancelled } = workshop.counts;
  return (
    <Flex direction="column" alignItems="flex-start" gap={2}>
      <Typography>{workshop.startsAt ? ljubljanaDate(intl, workshop.startsAt) : message('date.none')}</Typography>
      <Typography>
        {message('detail.summary', { places: placesLabel(message, workshop), waiting, pending, cancelled })}
      </Typography>
      {!workshop.registrationOpen && <Typography textColor="neutral600">{message('detail.closedNote')}</Typography>}
    </Flex>
  );
}

/** The confirmation dialog's text for the action waiting for it. */
function PendingText({ pending, workshop }: { pending: Pending; workshop: WorkshopSummary }) {
  const message = useRegistrationMessages();
  if (pending.kind === 'close') return <Typography>{message('confirm.close.body')}</Typography>;
  const name = pending.registration.name ?? message('erased');
  if (pending.kind === 'cancel') return <Typography>{message('confirm.cancel.body', { name })}</Typography>;
  return (
    <Flex direction="column" gap={2}>
      <Typography>{message('confirm.moveUp.body', { name })}</Typography>
      {isFull(workshop) && (
        <Typography textColor="danger600">
          {message('confirm.moveUp.full', { capacity: workshop.capacity ?? 0 })}
        </Typography>
      )}
    </Flex>
  );
}

export function WorkshopRegistrations({ documentId }: { documentId: string }) {
  const message = useRegistrationMessages();
  const { toggleNotification } = useNotification();
  const { value, error, moveUp, cancel, close, exportCsv } = useWorkshopRegistrations(documentId);
  const [pending, setPending] = useState<Pending | null>(null);

  if (error) return <Page.Error content={error} />;
  if (!value) return <Page.Loading />;
  const { workshop, registrations } = value;

  const notify = (done: Parameters<typeof message>[0], mailed: boolean) =>
    toggleNotification({ type: mailed ? 'success' : 'warning', message: message(mailed ? done : 'done.unmailed') });
  const failed = (failure: unknown) =>
    toggleNotification({ type: 'danger', message: message('error', { message: errorMessage(failure) }) });

  async function run(action: Pending) {
    setPending(null);
    try {
      if (action.kind === 'close') {
        await close();
        toggleNotification({ type: 'success', message: message('done.close') });
      } else if (action.kind === 'moveUp') notify('done.moveUp', (await moveUp(action.registration.id)).mailed);
      else notify('done.cancel', (await cancel(action.registration.id)).mailed);
    } catch (failure) {
      failed(failure);
    }
  }

  const download = () =>
    exportCsv().then((blob) => saveFile(blob, `prijave-${workshop.slug ?? workshop.documentId}.csv`), failed);

  return (
    <>
      <Layouts.Header
        title={workshop.title}
        navigationAction={
          <Link tag={NavLink} to="?" startIcon={<ArrowLeft />}>
            {message('back')}
          </Link>
        }
        primaryAction={
          <Flex gap={2}>
            <Button variant="secondary" onClick={download}>
              {message('action.export')}
            </Button>
            {workshop.registrationOpen && (
              <Button variant="danger-light" onClick={() => setPending({ kind: 'close' })}>
                {message('action.close')}
              </Button>
            )}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Summary workshop={workshop} />
          <RegistrationTable
            title={workshop.title}
            registrations={registrations}
            actions={{
              onMoveUp: (registration) => setPending({ kind: 'moveUp', registration }),
              onCancel: (registration) => setPending({ kind: 'cancel', registration }),
            }}
          />
        </Flex>
      </Layouts.Content>
      <Dialog.Root open={pending !== null} onOpenChange={(open: boolean) => !open && setPending(null)}>
        {pending && (
          <ConfirmDialog
            title={message(`confirm.${pending.kind}.title`)}
            variant={pending.kind === 'moveUp' ? 'default' : 'danger'}
            onConfirm={() => run(pending)}
          >
            <PendingText pending={pending} workshop={workshop} />
          </ConfirmDialog>
        )}
      </Dialog.Root>
    </>
  );
}
