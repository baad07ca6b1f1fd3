import type { ReplayService } from '../replay/service.js'
import type { ReplayRun } from '../store/replay-store.js'

/** The replay service with each finished run reported (every trigger goes through `start`). */
export function observeReplays (service: ReplayService, finished: (run: ReplayRun) => void): ReplayService {
  return {
    ...service,
    async start (request) {
      const started = await service.start(request)
      // Reported once the listing is over; a failure there is the caller's to see, not ours.
      void started.done.then((runs) => { for (const run of runs) finished(run) }, () => {})
      return started
    }
  }
}
