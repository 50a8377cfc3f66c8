// The same walking skeleton (tests/suites/walking-skeleton.ts) on PostgreSQL, the production
// database: a throw-away cluster from Debian's postgresql package (scripts/lib/postgres.ts).
import { describeWalkingSkeleton } from '../suites/walking-skeleton';
import { postgresDatabase } from '../helpers/databases';

describeWalkingSkeleton('PostgreSQL', postgresDatabase);
