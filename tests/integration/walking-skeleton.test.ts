// The walking skeleton (tests/suites/walking-skeleton.ts) on SQLite, the embedded default database.
import { describeWalkingSkeleton } from '../suites/walking-skeleton';
import { sqliteDatabase } from '../helpers/databases';

describeWalkingSkeleton('SQLite', sqliteDatabase);
