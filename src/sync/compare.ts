/** Code-point order, independent of the locale, so that every plan sorts the same everywhere. */
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
