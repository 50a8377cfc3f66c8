/**
 * What differs between a revision and the current draft, field by field. Long text (text,
 * richtext: the markdown bodies) is compared line by line, so a changed paragraph reads as
 * lines removed and added; references (relations, media) as what one side has and the other
 * lacks; everything else as the two values. Pure: both sides are snapshots.
 */
import { diffLines } from 'diff';
import { sameContent as same, type Snapshot } from './snapshot';
import { recordedFields, type Attributes } from './schema';

/** One run of lines: only in the revision (removed), only in the draft (added), or in both. */
export interface LineRun {
  change: 'removed' | 'added' | 'unchanged';
  text: string;
}

export type FieldChange =
  | { field: string; type: string; kind: 'lines'; lines: LineRun[] }
  | { field: string; type: string; kind: 'references'; removed: unknown[]; added: unknown[] }
  | { field: string; type: string; kind: 'value'; revision: unknown; draft: unknown };

const LINE_BASED_TYPES = new Set(['text', 'richtext']);
const REFERENCE_TYPES = new Set(['relation', 'media']);

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value == null ? [] : [value]);
const missingFrom = (from: unknown[], other: unknown[]) => from.filter((item) => !other.some((o) => same(o, item)));

export function lineRuns(revision: string, draft: string): LineRun[] {
  return diffLines(revision, draft).map((part) => ({
    change: part.removed ? 'removed' : part.added ? 'added' : 'unchanged',
    text: part.value,
  }));
}

function fieldChange(field: string, type: string, revision: unknown, draft: unknown): FieldChange {
  if (LINE_BASED_TYPES.has(type))
    return { field, type, kind: 'lines', lines: lineRuns(String(revision ?? ''), String(draft ?? '')) };
  if (REFERENCE_TYPES.has(type)) {
    const [before, after] = [asList(revision), asList(draft)];
    return { field, type, kind: 'references', removed: missingFrom(before, after), added: missingFrom(after, before) };
  }
  return { field, type, kind: 'value', revision: revision ?? null, draft: draft ?? null };
}

/**
 * The fields whose values differ, in the model's order. A field the revision does not have
 * (added to the model since) is left out: restoring keeps its current value.
 */
export function diffSnapshots(revision: Snapshot, draft: Snapshot, attributes: Attributes): FieldChange[] {
  return recordedFields(attributes)
    .filter(([name]) => Object.hasOwn(revision, name) && !same(revision[name], draft[name]))
    .map(([name, attribute]) => fieldChange(name, attribute.type, revision[name], draft[name]));
}
