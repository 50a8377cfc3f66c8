/**
 * The "Različice" side panel of the Content Manager's edit view, for our content types with
 * draft and publish: the versions of the entry in the language being edited (when, who, why),
 * newest first, each opening its comparison with the current draft (VersionDialog).
 */
import { useCallback, useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { Alert, Box, Flex, TextButton, Typography } from '@strapi/design-system';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { useRevisionsApi, type Dropped, type EntryLocale, type VersionSummary } from './api';
import { errorMessage } from '../fetch-error';
import { useRevisionMessages, type RevisionMessage } from './messages';
import { takeRestoreNote } from './restore-note';
import { VersionDialog } from './VersionDialog';

const CAUSES: Record<VersionSummary['cause'], RevisionMessage> = {
  save: 'revisions.cause.save',
  restore: 'revisions.cause.restore',
  discard: 'revisions.cause.discard',
};

function RestoreNote() {
  const message = useRevisionMessages();
  const [dropped, setDropped] = useState<Dropped[] | null>(takeRestoreNote);
  if (!dropped) return null;
  const items = dropped.map((item) => `${item.field} (${item.id})`).join(', ');
  return (
    <Alert
      variant={dropped.length ? 'warning' : 'success'}
      closeLabel={message('revisions.action.close')}
      onClose={() => setDropped(null)}
    >
      {message('revisions.restore.done')}
      {dropped.length > 0 && ` ${message('revisions.restore.dropped', { items })}`}
    </Alert>
  );
}

function VersionItem({ version, onOpen }: { version: VersionSummary; onOpen(): void }) {
  const message = useRevisionMessages();
  const { formatDate } = useIntl();
  return (
    <Box paddingTop={2} paddingBottom={2} borderColor="neutral150" hasRadius padding={2}>
      <Typography variant="omega" fontWeight="bold" tag="p">
        {formatDate(version.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
      </Typography>
      <Typography variant="pi" textColor="neutral600" tag="p">
        {message(CAUSES[version.cause])} · {version.authorName ?? message('revisions.author.unknown')}
      </Typography>
      <TextButton onClick={onOpen}>{message('revisions.action.compare')}</TextButton>
    </Box>
  );
}

function VersionList({ entry, model, savedAt }: { entry: EntryLocale; model: string; savedAt?: string }) {
  const message = useRevisionMessages();
  const api = useRevisionsApi();
  const [list, setList] = useState<{ versions: VersionSummary[]; keep: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);

  const load = useCallback(() => {
    api.list(entry).then(
      ({ data, meta }) => setList({ versions: data, keep: meta.keep }),
      (error) => setFailure(errorMessage(error)),
    );
  }, [entry.contentType, entry.documentId, entry.locale]);
  // Reloads after every save (the draft's updatedAt changes), which adds a version.
  useEffect(load, [load, savedAt]);

  if (failure)
    return <Typography textColor="danger700">{message('revisions.panel.error', { message: failure })}</Typography>;
  if (!list) return <Typography textColor="neutral600">{message('revisions.panel.loading')}</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} width="100%">
      <RestoreNote />
      {list.versions.length === 0 && <Typography>{message('revisions.panel.empty')}</Typography>}
      {list.versions.map((version) => (
        <VersionItem key={version.id} version={version} onOpen={() => setOpenId(version.id)} />
      ))}
      <Typography variant="pi" textColor="neutral600">
        {message('revisions.panel.kept', { count: list.keep })}
      </Typography>
      {openId !== null && (
        <VersionDialog
          model={model}
          versionId={openId}
          onClose={() => setOpenId(null)}
          onDeleted={() => {
            setOpenId(null);
            load();
          }}
        />
      )}
    </Flex>
  );
}

export const RevisionsPanel: PanelComponent = ({ model, documentId, document, activeTab }: PanelComponentProps) => {
  const message = useRevisionMessages();
  // Our public types are the api:: types with draft and publish (activeTab is null without it).
  if (!model.startsWith('api::') || activeTab === null) return null;
  const id = documentId ?? document?.documentId;
  const locale = typeof document?.locale === 'string' ? document.locale : undefined;
  return {
    title: message('revisions.panel.title'),
    content: id ? (
      <VersionList
        entry={{ contentType: model, documentId: id, locale }}
        model={model}
        savedAt={typeof document?.updatedAt === 'string' ? document.updatedAt : undefined}
      />
    ) : (
      <Typography textColor="neutral600">{message('revisions.panel.unsaved')}</Typography>
    ),
  };
};
