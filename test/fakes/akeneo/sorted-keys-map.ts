/** Index of the first key in ascending `keys` that sorts after `after` (`keys.length` if none). */
export function firstKeyAfter (keys: readonly string[], after: string): number {
  let low = 0
  let high = keys.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (keys[mid]! > after) high = mid
    else low = mid + 1
  }
  return low
}

/**
 * A Map that also keeps its keys in ascending code-unit order, so search_after list pages can
 * seek with a binary search instead of sorting the whole catalogue on every page. The sorted
 * keys are built on first use and then kept up to date on insert and delete.
 */
export class SortedKeysMap<V> extends Map<string, V> {
  // Not a #private field: Map's constructor calls `set` before such fields exist.
  private sorted: string[] | undefined

  override set (key: string, value: V): this {
    if (this.sorted !== undefined && !this.has(key)) this.sorted.splice(firstKeyAfter(this.sorted, key), 0, key)
    return super.set(key, value)
  }

  override delete (key: string): boolean {
    if (this.sorted !== undefined && this.has(key)) this.sorted.splice(firstKeyAfter(this.sorted, key) - 1, 1)
    return super.delete(key)
  }

  override clear (): void {
    this.sorted = undefined
    super.clear()
  }

  sortedKeys (): readonly string[] {
    // Array.prototype.sort without a comparator orders by UTF-16 code units, as `<` does.
    this.sorted ??= [...this.keys()].sort()
    return this.sorted
  }
}
