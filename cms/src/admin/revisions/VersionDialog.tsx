/**
 * One version in a dialog: what differs from the current draft, "Obnovi kot osnutek" with a
 * confirmation, and (for administrators) deleting the version. A restore reloads the edit view
 * so the form shows the restored draft; the panel then says what was restored and left out.
 */
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Button, Dialog, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { ConfirmDialog, useNotification, useRBAC } from '@strapi/admin/strapi-admin';
import { unstable_useDocumentLayout as useDocumentLayout } from '@strapi/content-manager/strapi-admin';
import { useRevisionsApi, type VersionDiff } from './api';
import { FieldChanges } from './FieldChanges';
import { errorMessage } from '../fetch-error';
import { useRevisionMessages } from './messages';
import { rememberRestore } from './restore-note';

const DELETE_PERMISSION = { delete: [{ action: 'plugin::content-manager.revisions.delete', subject: null }] };

/** Field name -> the label the edit view shows for it. */
function useFieldLabels(model: string): Map<string, string> {
  const { edit } = useDocumentLayout(model);
  return new Map(edit.layout.flat(2).map((field) => [field.name, field.label]));
}

interface Props {
  model: string;
  versionId: number;
  onClose(): void;
  onDeleted(): void;
}

export function VersionDialog({ model, versionId, onClose, onDeleted }: Props) {
  const message = useRevisionMessages();
  const { formatDate } = useIntl();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(DELETE_PERMISSION);
  const api = useRevisionsApi();
  const labels = useFieldLabels(model);
  const [diff, setDiff] = useState<VersionDiff | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    api.show(versionId).then(setDiff, (error) => setFailure(errorMessage(error)));
  }, [versionId]);

  const failed = (error: unknown) =>
    toggleNotification({ type: 'danger', message: message('revisions.error', { message: errorMessage(error) }) });

  async function restore() {
    try {
      const { dropped } = await api.restore(versionId);
      rememberRestore(dropped);
      window.location.reload();
    } catch (error) {
      failed(error);
    }
  }

  async function remove() {
    try {
      await api.remove(versionId);
      toggleNotification({ type: 'success', message: message('revisions.delete.done') });
      onDeleted();
    } catch (error) {
      failed(error);
    }
  }

  const date = diff ? formatDate(diff.createdAt, { dateStyle: 'long', timeStyle: 'short' }) : '';
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{message('revisions.diff.title', { date })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {failure && <Typography textColor="danger700">{message('revisions.error', { message: failure })}</Typography>}
          {!failure && !diff && <Loader small>{message('revisions.panel.loading')}</Loader>}
          {diff && <FieldChanges diff={diff} labels={labels} />}
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            {message('revisions.action.close')}
          </Button>
          <Flex gap={2}>
            {allowedActions.canDelete && (
              <Dialog.Root>
                <Dialog.Trigger>
                  <Button variant="danger-light">{message('revisions.action.delete')}</Button>
                </Dialog.Trigger>
                <ConfirmDialog onConfirm={remove}>{message('revisions.delete.confirm')}</ConfirmDialog>
              </Dialog.Root>
            )}
            <Dialog.Root>
              <Dialog.Trigger>
                <Button disabled={!diff}>{message('revisions.action.restore')}</Button>
              </Dialog.Trigger>
              <ConfirmDialog variant="default" onConfirm={restore}>
                {message('revisions.restore.confirm')}
              </ConfirmDialog>
            </Dialog.Root>
          </Flex>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
