/**
 * Child process of the concurrency test: `record-result-child.ts <dir> <go-file> <i>` prints "ready", waits until
 * <go-file> exists (so that all children write at the same moment), then records data set `ds-<i>` into <dir>.
 */
import * as fs from "node:fs";
import { recordResult } from "../../src/report/results-store";
import { sampleEntry } from "./sample-entry";

const [dir, go, index] = process.argv.slice(2);
const nap = new Int32Array(new SharedArrayBuffer(4));
process.stdout.write("ready\n");
while (!fs.existsSync(go)) Atomics.wait(nap, 0, 0, 2);
const i = Number(index);
recordResult(sampleEntry(`ds-${String(i).padStart(2, "0")}`, 0.9 + i / 1000), dir);
