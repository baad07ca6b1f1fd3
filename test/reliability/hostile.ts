import { request } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { countSecrets } from './crash.js'
import { hostileCorpus, jsonBombs, type HostileRequest } from './hostile-corpus.js'
import { startService, type ServiceProcess } from './service-process.js'
import { startSoakWorld, tallyTasks } from './world.js'

export interface HostileFigures {
  requests: number
  /** 2xx answers to hostile input. */
  accepted: number
  acceptedKinds: string[]
  serverErrors: number
  /** Connections the service closed instead of answering (it refused an oversized body mid-send). */
  dropped: number
  byStatus: Record<string, number>
  idleRssMb: number
  peakRssOverIdleMb: number
  /** Largest answer body, to show no request is echoed back. */
  largestAnswerBytes: number
  tasksCreated: number
  secretsInLogs: number
}

/** Sends the bytes as given (no URL normalisation, unlike fetch): path tricks stay tricks. */
async function send (url: string, hostile: HostileRequest): Promise<{ status: number, bytes: number } | null> {
  const { hostname, port } = new URL(url)
  return await new Promise((resolve) => {
    const body = hostile.body === undefined ? undefined : Buffer.from(hostile.body)
    const req = request({ host: hostname, port, method: hostile.method, path: hostile.path, headers: { ...hostile.headers, ...(body === undefined ? {} : { 'content-length': String(body.length) }) }, timeout: 20_000 }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => { bytes += chunk.length })
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, bytes }) })
      res.on('error', () => { resolve(null) })
    })
    req.on('error', () => { resolve(null) })
    req.on('timeout', () => { req.destroy() })
    req.end(body)
  })
}

/**
 * The hostile-input corpus against the real service process at debug level: `rounds` passes
 * over it 16 at a time, then `bombRounds` rounds of 16 concurrent ~1 MiB JSON bombs, while
 * its RSS is sampled every 20 ms. Nothing may be accepted, nothing may be a 5xx.
 */
export async function runHostileCorpus (options: { rounds: number, bombRounds: number }): Promise<HostileFigures> {
  // Scoped to the certificate's own name, as production's pattern is to SNS's hosts: the
  // fake's /evil/x.pem (a certificate the test key signs) then stands for an attacker's file.
  const world = await startSoakWorld({ env: { SNS_CERT_URL_PATTERN: '^http://127\\.0\\.0\\.1:\\d+/SimpleNotificationService-[^/?#]+\\.pem$' } })
  const log: string[] = []
  let service: ServiceProcess | undefined
  try {
    service = await startService(world.env, log)
    // Warm up (JIT, pools) with legitimate calls, then take the idle size.
    for (let i = 0; i < 20; i++) await fetch(`${service.url}/health`).then(async (res) => await res.arrayBuffer())
    await sleep(500)
    const idle = service.rss()
    let peak = idle
    const sampler = setInterval(() => { peak = Math.max(peak, service!.rss()) }, 20)
    const figures = { requests: 0, accepted: 0, acceptedKinds: [] as string[], serverErrors: 0, dropped: 0, byStatus: {} as Record<string, number>, largestAnswerBytes: 0 }
    const run = async (batch: HostileRequest[]): Promise<void> => {
      const answers = await Promise.all(batch.map(async (hostile) => await send(service!.url, hostile)))
      for (const [index, answer] of answers.entries()) {
        figures.requests++
        if (answer === null) { figures.dropped++; continue }
        figures.byStatus[answer.status] = (figures.byStatus[answer.status] ?? 0) + 1
        if (answer.status < 300) { figures.accepted++; figures.acceptedKinds.push(`${batch[index]!.kind} ${batch[index]!.path}`) }
        if (answer.status >= 500) figures.serverErrors++
        figures.largestAnswerBytes = Math.max(figures.largestAnswerBytes, answer.bytes)
      }
    }
    for (let round = 0; round < options.rounds; round++) {
      const corpus = hostileCorpus(world.sns)
      for (let i = 0; i < corpus.length; i += 16) await run(corpus.slice(i, i + 16))
    }
    const bombs = jsonBombs()
    for (let round = 0; round < options.bombRounds; round++) {
      await run(Array.from({ length: 16 }, (_, i) => bombs[(round + i) % bombs.length]!))
    }
    clearInterval(sampler)
    const tasks = await tallyTasks(service.url)
    await service.stop()
    service = undefined
    return {
      ...figures,
      idleRssMb: Math.round(idle / 1024 / 1024),
      peakRssOverIdleMb: Math.round((peak - idle) / 1024 / 1024),
      tasksCreated: tasks.total,
      secretsInLogs: countSecrets(log, world.secrets())
    }
  } finally {
    await service?.kill()
    await world.close()
  }
}
