/**
 * The run journal: the worker process appends one JSON line per event (cell started, output,
 * display update, cell finished) with synchronous writes, so whatever a cell produced before
 * the worker was killed (timeout) or crashed is on disk for the parent to assemble into a
 * partial notebook. Also defines the small IPC messages the worker sends for the watchdog.
 */
import * as fs from "fs";
import { ErrorOutput, MimeBundle } from "./nbformat";

/** One journal line. */
export type JournalEvent =
  | { e: "kernel-ready"; seconds: number }
  | { e: "cell-start"; cell: number; count: number; at: number }
  | { e: "stream"; cell: number; name: "stdout" | "stderr"; text: string }
  | { e: "display"; cell: number; data: MimeBundle; metadata: Record<string, unknown>; displayId: string | null; update: boolean }
  | { e: "result"; cell: number; count: number; text: string }
  | { e: "error"; cell: number; output: ErrorOutput }
  /** An error raised asynchronously after cell `cell` had finished (by it, or of unknown origin after it started). */
  | { e: "async-error"; cell: number; count: number; output: ErrorOutput; originKnown: boolean }
  | { e: "cell-end"; cell: number; ok: boolean; seconds: number; timedOut: boolean }
  | { e: "end" };

/** Messages from the worker to its parent over IPC (control only: the journal holds the content). */
export type WorkerMessage =
  | { type: "kernel-ready" }
  | { type: "cell-start"; cell: number; count: number }
  | { type: "cell-end"; cell: number; ok: boolean }
  | { type: "end" };

/** Appends events to a journal file with synchronous writes. */
export class JournalWriter {
  private readonly fd: number;

  /** Opens (creating) the journal for appending. */
  constructor(readonly path: string) {
    this.fd = fs.openSync(path, "a");
  }

  /** Appends one event; returns after the bytes were handed to the OS. */
  write(event: JournalEvent): void {
    fs.writeSync(this.fd, JSON.stringify(event) + "\n");
  }

  /** Closes the file. */
  close(): void {
    fs.closeSync(this.fd);
  }
}

/**
 * Reads a journal; a missing file gives no events, and a truncated last line (the worker was
 * killed mid-write) is ignored.
 */
export function readJournal(path: string): JournalEvent[] {
  let text: string;
  try {
    text = fs.readFileSync(path, "utf8");
  } catch {
    return [];
  }
  const events: JournalEvent[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      events.push(JSON.parse(line) as JournalEvent);
    } catch {
      // The worker was killed while writing this line.
    }
  }
  return events;
}
