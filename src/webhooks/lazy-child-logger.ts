import type { FastifyBaseLogger } from 'fastify'
import type { Bindings, ChildLoggerOptions } from 'pino'

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'
type LevelValues = Readonly<Record<string, number>>

/**
 * A request's logger that becomes pino's child only when something is written at a level the
 * route enables. Webhook routes log below warn only when the service runs at debug
 * (`deliveryLogLevel`), so almost no delivery writes a line, yet pino built a child for each
 * (its bindings through redaction, every level method rebuilt for the route's level): ~8 µs
 * of the ~90 µs a delivery costs the server (issue 14). A line that is written is pino's own
 * child's, with the same bindings and options, so the log is unchanged.
 */
class LazyChildLogger {
  #child: FastifyBaseLogger | undefined
  readonly #parent: () => FastifyBaseLogger
  readonly #parentLevel: string
  readonly #bindings: Bindings
  readonly #options: ChildLoggerOptions
  readonly #values: LevelValues

  constructor (parent: () => FastifyBaseLogger, parentLevel: string, bindings: Bindings, options: ChildLoggerOptions, values: LevelValues) {
    this.#parent = parent
    this.#parentLevel = parentLevel
    this.#bindings = bindings
    this.#options = options
    this.#values = values
  }

  #real (): FastifyBaseLogger {
    this.#child ??= this.#parent().child(this.#bindings, this.#options)
    return this.#child
  }

  #write (level: Level, args: unknown[]): void {
    // Unknown level names count as enabled: pino, not this shortcut, decides about those.
    const enabled = this.#child !== undefined || (this.#values[level] ?? 0) >= (this.#values[this.level] ?? 0)
    if (enabled) (this.#real()[level] as (...values: unknown[]) => void)(...args)
  }

  get level (): string { return this.#child?.level ?? this.#options.level ?? this.#parentLevel }
  set level (level: string) { this.#real().level = level }

  // Methods on the prototype, not arrow fields: nothing but the object is allocated per request.
  fatal (...args: unknown[]): void { this.#write('fatal', args) }
  error (...args: unknown[]): void { this.#write('error', args) }
  warn (...args: unknown[]): void { this.#write('warn', args) }
  info (...args: unknown[]): void { this.#write('info', args) }
  debug (...args: unknown[]): void { this.#write('debug', args) }
  trace (...args: unknown[]): void { this.#write('trace', args) }
  silent (): void {}

  /** Lazy as well: a route's `request.log.child({ … })` for one message costs nothing until it writes. */
  child (bindings: Bindings, options: ChildLoggerOptions = {}): FastifyBaseLogger {
    if (this.#child !== undefined) return this.#child.child(bindings, options)
    return asLogger(new LazyChildLogger(() => this.#real(), this.level, bindings, options, this.#values))
  }
}

// pino's LogFn overloads are not spelled out on the class; its methods take what they take.
const asLogger = (logger: LazyChildLogger): FastifyBaseLogger => logger as unknown as FastifyBaseLogger

/**
 * For `fastify.setChildLoggerFactory` in the webhook plugins. A parent that is not pino (no
 * level values to compare) gets its child at once, as with Fastify's default factory.
 */
export function lazyChildLogger (parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  const values = (parent as { levels?: { values?: LevelValues } }).levels?.values
  if (values === undefined) return parent.child(bindings, options)
  return asLogger(new LazyChildLogger(() => parent, parent.level, bindings, options, values))
}
