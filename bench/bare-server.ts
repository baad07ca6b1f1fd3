import Fastify from 'fastify'

/**
 * The intake bench's baseline, in its own process: a bare Fastify route that parses the JSON
 * body and answers 200 — the least any webhook receiver on this stack does.
 */
const bare = Fastify({ bodyLimit: 1024 * 1024 })
bare.post('/bare', async (request) => ({ received: typeof request.body === 'object' }))
const address = await bare.listen({ host: '127.0.0.1', port: 0 })
process.send!({ ok: true, port: Number(new URL(address).port) })
process.on('message', (command: { type: string }) => {
  if (command.type === 'exit') void bare.close().then(() => process.disconnect())
})
