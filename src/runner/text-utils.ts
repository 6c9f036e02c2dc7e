/**
 * Small text helpers shared by the notebook assembly and the HTML report: terminal control
 * characters in stream text (carriage returns from progress bars, ANSI colour codes), HTML
 * escaping, and durations.
 */
export { escapeHtml } from "../report/html-escape";

/** Matches ANSI escape sequences (colours, cursor movement, erase line...). */
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** Removes ANSI escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/**
 * Applies carriage returns the way a terminal shows the final state: on each line, what was
 * written after the last `\r` replaces what came before (a progress bar keeps its last state).
 * `\r\n` is a plain line break.
 */
export function applyCarriageReturns(text: string): string {
  if (!text.includes("\r")) return text;
  return text
    .replace(/\r+\n/g, "\n")
    .split("\n")
    .map((line) => {
      if (!line.includes("\r")) return line;
      const parts = line.split("\r").filter((p) => stripAnsi(p).trim() !== "");
      return parts.length > 0 ? parts[parts.length - 1] : "";
    })
    .join("\n");
}


/** The first non-empty line of a message. */
export function firstLine(text: string): string {
  return text.split("\n").find((l) => l.trim() !== "")?.trim() ?? "";
}

/** Formats seconds for humans: "0.42 s", "12.3 s", "2 min 05 s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(2)} s`;
  if (seconds < 120) return `${seconds.toFixed(1)} s`;
  const total = Math.round(seconds);
  return `${Math.floor(total / 60)} min ${String(total % 60).padStart(2, "0")} s`;
}
