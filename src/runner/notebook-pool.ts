/**
 * Runs several notebooks at once (`npm run experiments -- --jobs N`): each notebook already runs in its own worker
 * process, so the pool keeps up to N `runNotebook` calls in flight. Each notebook's progress lines are held back
 * and printed as one block when it ends, so the output of parallel notebooks is never interleaved. Results are
 * returned in the notebooks' order; a notebook's numbers do not depend on N (no state is shared between workers,
 * randomness comes from each notebook's own seed).
 */

/** One unit of work for the pool: runs a notebook and returns its summary; `log` receives its output lines. */
export type PoolTask<T> = (log: (line: string) => void) => Promise<T>;

/**
 * Runs the tasks with at most `jobs` in flight.
 * @param tasks - one per notebook, in order
 * @param jobs - parallelism (>= 1); 1 streams every line as it comes
 * @param write - where finished blocks (or, with `jobs` 1, single lines) go
 * @param stopped - called with a task's index before it starts: a non-null value skips the task and stands for its result
 */
export async function runPool<T>(tasks: PoolTask<T>[], jobs: number, write: (text: string) => void, stopped: (index: number) => T | null): Promise<T[]> {
  if (!(Number.isInteger(jobs) && jobs >= 1)) throw new RangeError(`runPool: jobs must be an integer >= 1, got ${jobs}`);
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < tasks.length; i = next++) {
      const skip = stopped(i);
      if (skip !== null) {
        results[i] = skip;
        continue;
      }
      if (jobs === 1) {
        results[i] = await tasks[i]((line) => write(line + "\n"));
        continue;
      }
      const lines: string[] = [];
      try {
        results[i] = await tasks[i]((line) => void lines.push(line));
      } finally {
        if (lines.length > 0) write(lines.join("\n") + "\n");
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, lane));
  return results;
}
