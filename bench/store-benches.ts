import { intakeStoresBench } from './intake-stores.js'
import { replicasBench } from './replicas.js'

/** The PostgreSQL benches, registered in `index.ts` as one entry list. */
export const STORE_BENCHES: Array<{ name: string, run: () => Promise<Record<string, string | number>> }> = [
  { name: 'webhook intake on SQLite and on PostgreSQL (signed, concurrency 32, ratio to the bare route in the same run)', run: intakeStoresBench },
  { name: 'drain 1,000 queued tasks from one PostgreSQL store: two replicas against one', run: replicasBench }
]
