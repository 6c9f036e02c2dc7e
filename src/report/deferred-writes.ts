/**
 * Result writes held back until the cell that made them has finished. The notebook runner's worker turns this on
 * (`deferResultWrites`) and flushes after every cell (`flushResultWrites`), so a run interrupted in the middle of
 * a cell (signal, time-out kill, crash) never leaves results/ changed by that unfinished cell. The queue lives on
 * `globalThis` under a registered symbol because the notebook's copy of this module (compiled by tslab) and the
 * worker's copy are different module instances in the same process. Off by default: Jupyter writes at once.
 */

const QUEUE = Symbol.for("recsys-notebooks.deferredResultWrites");

type Holder = { [QUEUE]?: (() => void)[] };

/** From now on, {@link writeWhenCellEnds} queues writes until {@link flushResultWrites} (process-wide). */
export function deferResultWrites(): void {
  (globalThis as Holder)[QUEUE] ??= [];
}

/** Runs `write` now, or queues it when the runner defers writes to the end of the current cell. */
export function writeWhenCellEnds(write: () => void): void {
  const queue = (globalThis as Holder)[QUEUE];
  if (queue) queue.push(write);
  else write();
}

/**
 * Performs the queued writes in order (deferral stays on). If one throws, the rest are dropped and the error
 * is rethrown (the runner reports it as the cell's error). Returns how many writes ran.
 */
export function flushResultWrites(): number {
  const holder = globalThis as Holder;
  const queue = holder[QUEUE];
  if (!queue) return 0;
  holder[QUEUE] = [];
  for (const write of queue) write();
  return queue.length;
}
