/**
 * What differs between a version and the current draft, field by field, under the labels of the
 * edit view: text and markdown as lines (red only in the version, green only in the draft),
 * relations and media by name, other values side by side.
 */
import { Box, Flex, Typography } from '@strapi/design-system';
import type { FieldChange, VersionDiff } from './api';
import { useRevisionMessages } from './messages';

const LINE_STYLES = {
  removed: { background: 'danger100', textColor: 'danger700', sign: '−' },
  added: { background: 'success100', textColor: 'success700', sign: '+' },
  unchanged: { background: 'neutral0', textColor: 'neutral800', sign: ' ' },
} as const;

function LineRuns({ lines }: { lines: Extract<FieldChange, { kind: 'lines' }>['lines'] }) {
  return (
    <Box tag="pre" padding={2} hasRadius borderColor="neutral200" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
      {lines.flatMap((run, runIndex) =>
        run.text
          .replace(/\n$/, '')
          .split('\n')
          .map((line, lineIndex) => {
            const style = LINE_STYLES[run.change];
            return (
              <Box key={`${runIndex}-${lineIndex}`} background={style.background}>
                <Typography variant="omega" textColor={style.textColor} style={{ fontFamily: 'monospace' }}>
                  {`${style.sign} ${line}`}
                </Typography>
              </Box>
            );
          }),
      )}
    </Box>
  );
}

function shown(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function ChangeBody({ change, diff }: { change: FieldChange; diff: VersionDiff }) {
  const message = useRevisionMessages();
  const empty = message('revisions.diff.empty');
  if (change.kind === 'lines') return <LineRuns lines={change.lines} />;
  if (change.kind === 'references') {
    const names = diff.names[diff.targets[change.field] ?? ''] ?? {};
    const items = (ids: unknown[]) => ids.map((id) => names[String(id)] ?? String(id)).join(', ');
    if (change.removed.length === 0 && change.added.length === 0)
      return <Typography>{message('revisions.diff.reordered')}</Typography>;
    return (
      <Flex direction="column" alignItems="stretch" gap={1}>
        {change.removed.length > 0 && (
          <Typography textColor="danger700">
            {message('revisions.diff.removed', { items: items(change.removed) })}
          </Typography>
        )}
        {change.added.length > 0 && (
          <Typography textColor="success700">
            {message('revisions.diff.added', { items: items(change.added) })}
          </Typography>
        )}
      </Flex>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Typography textColor="danger700">
        {message('revisions.diff.revision')}: {shown(change.revision, empty)}
      </Typography>
      <Typography textColor="success700">
        {message('revisions.diff.draft')}: {shown(change.draft, empty)}
      </Typography>
    </Flex>
  );
}

export function FieldChanges({ diff, labels }: { diff: VersionDiff; labels: Map<string, string> }) {
  const message = useRevisionMessages();
  if (diff.changes.length === 0) return <Typography>{message('revisions.diff.none')}</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="pi" textColor="neutral600">
        {message('revisions.diff.legend')}
      </Typography>
      {diff.changes.map((change) => (
        <Flex key={change.field} direction="column" alignItems="stretch" gap={1}>
          <Typography variant="sigma" textColor="neutral600">
            {labels.get(change.field) ?? change.field}
          </Typography>
          <ChangeBody change={change} diff={diff} />
        </Flex>
      ))}
    </Flex>
  );
}
