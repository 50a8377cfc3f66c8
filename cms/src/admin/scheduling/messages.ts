/**
 * The texts of scheduled publishing in the admin: English here (react-intl's defaults, shown in
 * the English admin), Slovenian in ../translations/sl.json under the same ids.
 * tests/unit/admin-translations.test.ts checks that every id is translated.
 */
const message = (id: string, defaultMessage: string) => ({ id: `koper-otok.scheduling.${id}`, defaultMessage });

export const messages = {
  panelTitle: message('panel.title', 'Scheduled publishing'),
  operation: message('field.operation', 'Action'),
  date: message('field.date', 'Date'),
  time: message('field.time', 'Time (Europe/Ljubljana)'),
  schedule: message('button.schedule', 'Schedule'),
  cancel: message('button.cancel', 'Cancel'),
  publish: message('operation.publish', 'Publish'),
  unpublish: message('operation.unpublish', 'Unpublish'),
  pending: message('status.pending', 'Waiting'),
  running: message('status.running', 'Running'),
  done: message('status.done', 'Done'),
  failed: message('status.failed', 'Failed'),
  cancelled: message('status.cancelled', 'Cancelled'),
  noneForEntry: message('panel.empty', 'Nothing scheduled for this language.'),
  saveFirst: message('panel.save-first', 'Save the entry first, then schedule it.'),
  invalidTime: message(
    'error.invalid-time',
    'This date and time do not exist in Ljubljana (for example when the clocks go forward).',
  ),
  scheduled: message('notification.scheduled', 'Scheduled.'),
  cancelledNotice: message('notification.cancelled', 'Cancelled.'),
  menu: message('menu', 'Scheduled publishing'),
  pageTitle: message('page.title', 'Scheduled publishing'),
  pageSubtitle: message(
    'page.subtitle',
    'Every scheduled publish and unpublish, for all types and languages. Times are Ljubljana time.',
  ),
  pageEmpty: message('page.empty', 'Nothing is scheduled.'),
  columnWhen: message('column.when', 'When (Europe/Ljubljana)'),
  columnEntry: message('column.entry', 'Entry'),
  columnType: message('column.type', 'Type'),
  columnLocale: message('column.locale', 'Language'),
  columnOperation: message('column.operation', 'Action'),
  columnStatus: message('column.status', 'Status'),
  columnBy: message('column.by', 'Scheduled by'),
  untitled: message('entry.untitled', '(untitled)'),
} as const;

export type MessageKey = keyof typeof messages;
