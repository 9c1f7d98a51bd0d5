import { availableParallelism } from 'node:os';

/** Maps with at most `limit` tasks in flight, keeping input order in the output. */
export async function mapPool<T, R>(
  items: readonly T[],
  fn: (item: T) => Promise<R>,
  limit = availableParallelism(),
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
