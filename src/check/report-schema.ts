import { Type, type Static } from 'typebox'

// Apart from the check plugin so that routes/admin/check.ts declares its answer without importing the clients.
export const CheckReportSchema = Type.Object({
  /** `check: N errors, M warnings`, as the CLI's last line. */
  summary: Type.String(),
  errors: Type.Integer(),
  warnings: Type.Integer(),
  /** One per finding, in the order the CLI prints them; `text` names the file, line and YAML path, or the system. */
  findings: Type.Array(Type.Object({ severity: Type.Union([Type.Literal('error'), Type.Literal('warning'), Type.Literal('note')]), text: Type.String() })),
  checked_at: Type.String()
})
export type CheckReport = Static<typeof CheckReportSchema>
