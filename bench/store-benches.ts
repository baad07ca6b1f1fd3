import { intakeStoresBench } from './intake-stores.js'
import { replicasBench } from './replicas.js'

/** The PostgreSQL benches, registered in `index.ts` as one entry list. */
export const STORE_BENCHES: Array<{ key: string, name: string, run: () => Promise<Record<string, string | number>> }> = [
  { key: 'stores', name: 'webhook intake on SQLite and on PostgreSQL (signed, concurrency 32, ratio to the bare route in the same run)', run: intakeStoresBench },
  { key: 'replicas', name: 'drain 1,000 queued tasks from one PostgreSQL store: two replicas against one', run: replicasBench }
]
