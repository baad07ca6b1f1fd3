import pkg from '../package.json' with { type: 'json' }

/** Sent on every outbound call so Bynder and Akeneo admins can tell this service's traffic apart. */
export const USER_AGENT = `${pkg.name}/${pkg.version}`
