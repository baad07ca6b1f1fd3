import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openStore } from '../../src/store/open-store.js'
import { openSqliteStore } from '../../src/store/sqlite-store.js'
import { delivery } from './fixtures.js'

const dir = mkdtempSync(join(tmpdir(), 'connector-checkpoint-'))
after(() => rmSync(dir, { recursive: true, force: true }))

describe('SQLite checkpoints off the event loop (src/store/sqlite-checkpointer.ts)', () => {
  it('a busy intake (its checkpoint thread started) keeps every event, and close ends the thread: the WAL is folded in and removed', async () => {
    const file = join(dir, 'busy.db')
    const store = await openStore(`sqlite:${file}`)
    // 200 commits: past the 64 after which the thread starts, with time for it to run.
    for (let batch = 0; batch < 200; batch++) {
      await store.intake(Array.from({ length: 8 }, (_, i) => delivery(`d-${batch}-${i}`, `asset-${batch}-${i}`)))
      if (batch % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 120))
    }
    await store.close()
    // SQLite deletes the WAL when its last connection closes: a thread still holding one would leave it.
    assert.equal(existsSync(`${file}-wal`), false)
    const reopened = await openStore(`sqlite:${file}`)
    assert.equal((await reopened.listEvents({ limit: 1 }))[0]?.id, 1600)
    assert.equal(await reopened.countPending(), 1600)
    await reopened.close()
  })

  // Linux: the process's threads are listed in /proc/self/task.
  const threads = (): number => readdirSync('/proc/self/task').length
  it('a store opened without the checkpoint thread (the cron-style jobs) starts none however busy, one opened by default does', { skip: !existsSync('/proc/self/task') }, async () => {
    await stat(dir) // libuv's thread pool started before counting
    const busy = async (store: ReturnType<typeof openSqliteStore>, name: string): Promise<number> => {
      const before = threads()
      for (let batch = 0; batch < 100; batch++) await store.intake([delivery(`${name}-${batch}`, `asset-${name}-${batch}`)])
      const added = threads() - before
      await store.close()
      return added
    }
    assert.ok(await busy(openSqliteStore(join(dir, 'cli.db'), { checkpointThread: false }), 'cli') <= 0)
    assert.ok(await busy(openSqliteStore(join(dir, 'service.db')), 'service') > 0)
  })
})
