import { Type, type Static, type TSchema } from 'typebox'
import type { ReplayRun } from '../store/replay-store.js'
import type { TaskStatus } from '../store/store.js'

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const ReplayJobSchema = Type.Union([Type.Literal('import-assets'), Type.Literal('update-properties'), Type.Literal('update-mapped-properties')])

export const PlannedWriteSchema = Type.Object({
  system: Type.Union([Type.Literal('akeneo'), Type.Literal('bynder')]),
  operation: Type.String(),
  entity: Type.String(),
  detail: Type.String()
})

export const ReplayViewSchema = Type.Object({
  id: Type.Integer(),
  job: ReplayJobSchema,
  credential_code: Type.String(),
  trigger: Type.String(),
  dry_run: Type.Boolean(),
  /** `running` while listing; `done` once every listing finished (its tasks may still be at work: see `tasks`). */
  status: Type.String(),
  window: Type.Object({ start: Type.String(), end: Type.String() }),
  counts: Type.Object({
    listed: Type.Integer(),
    settled: Type.Integer(),
    queued: Type.Integer(),
    deleted: Type.Integer(),
    list_failures: Type.Integer(),
    planned: Type.Integer(),
    planned_writes: Type.Integer(),
    failed: Type.Integer()
  }),
  /** The tasks this run queued (coalesced with others where they met), by status. */
  tasks: Type.Object({ pending: Type.Integer(), running: Type.Integer(), done: Type.Integer(), dead: Type.Integer() }),
  error: Nullable(Type.String()),
  started_at: Type.String(),
  updated_at: Type.String(),
  finished_at: Nullable(Type.String()),
  /** Dry runs only: the writes the handlers would make (the first 1,000; `omitted` counts the rest). */
  planned: Type.Optional(Type.Object({
    writes: Type.Array(PlannedWriteSchema),
    omitted: Type.Integer(),
    errors: Type.Array(Type.String())
  }))
})
export type ReplayView = Static<typeof ReplayViewSchema>

const iso = (ms: number): string => new Date(ms).toISOString()

export function replayView (run: ReplayRun, tasks: Record<TaskStatus, number>): ReplayView {
  const { counts } = run
  return {
    id: run.id,
    job: run.job,
    credential_code: run.credentialCode,
    trigger: run.trigger,
    dry_run: run.dryRun,
    status: run.status,
    window: { start: iso(run.windowStart), end: iso(run.windowEnd) },
    counts: {
      listed: counts.listed,
      settled: counts.settled,
      queued: counts.queued,
      deleted: counts.deleted,
      list_failures: counts.listFailures,
      planned: counts.planned,
      planned_writes: counts.plannedWrites,
      failed: counts.failed
    },
    tasks,
    error: run.error,
    started_at: iso(run.startedAt),
    updated_at: iso(run.updatedAt),
    finished_at: run.finishedAt === null ? null : iso(run.finishedAt),
    ...(run.dryRun ? { planned: run.planned ?? { writes: [], omitted: 0, errors: [] } } : {})
  }
}
