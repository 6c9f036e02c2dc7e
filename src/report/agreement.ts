/**
 * The computed check of a notebook's "build it yourself" section: a model written by hand in plain TF.js and the
 * library's model, trained with the same seed and settings, must give the same loss curve and the same score
 * within stated tolerances. The sentence is printed by the notebook; a disagreement throws, so a smoke run fails.
 */

/** One training run to compare: the mean training loss per epoch and the final score. */
export interface AgreementRun {
  /** Mean training objective per epoch (epoch 1 first). */
  lossCurve: number[];
  /** The final score on held-out data (e.g. test RMSE, HR@10). */
  score: number;
}

/** What to compare and how closely. */
export interface AgreementSpec {
  /** Name of the hand-written model, e.g. "hand-written MF". */
  ours: string;
  /** Name of the library's model, e.g. "createBiasedMf". */
  library: string;
  /** Name of the score, e.g. "test RMSE". */
  metric: string;
  /** Largest allowed relative gap |a - b| / max(|a|, |b|) between the two losses of any epoch. */
  lossTolerance: number;
  /** Largest allowed absolute gap between the two scores, in the metric's units. */
  scoreTolerance: number;
}

/** The outcome: pass/fail, the largest gaps found, and the sentence to print. */
export interface Agreement {
  pass: boolean;
  /** Largest relative loss gap over the epochs. */
  lossGap: number;
  /** Absolute score gap. */
  scoreGap: number;
  sentence: string;
}

/** Compares two runs against `spec` without throwing (see `agreementCheck` for the throwing form). */
export function compareRuns(ours: AgreementRun, library: AgreementRun, spec: AgreementSpec): Agreement {
  if (ours.lossCurve.length === 0 || ours.lossCurve.length !== library.lossCurve.length) {
    throw new RangeError(`compareRuns: the loss curves must be non-empty and equally long, got ${ours.lossCurve.length} and ${library.lossCurve.length} epochs`);
  }
  for (const [name, t] of [["lossTolerance", spec.lossTolerance], ["scoreTolerance", spec.scoreTolerance]] as const) {
    if (!(t >= 0)) throw new RangeError(`compareRuns: ${name} must be >= 0, got ${t}`);
  }
  const values = [...ours.lossCurve, ...library.lossCurve, ours.score, library.score];
  if (!values.every(Number.isFinite)) throw new RangeError(`compareRuns: a loss or score is not finite (${values.join(", ")})`);
  const relative = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
  const lossGap = Math.max(...ours.lossCurve.map((a, e) => relative(a, library.lossCurve[e])));
  const scoreGap = Math.abs(ours.score - library.score);
  const pass = lossGap <= spec.lossTolerance && scoreGap <= spec.scoreTolerance;
  const epochs = ours.lossCurve.length;
  const fmt = (x: number) => x.toPrecision(3);
  const detail =
    `over ${epochs} epoch(s) the training losses differ by at most ${fmt(100 * lossGap)}% (tolerance ${fmt(100 * spec.lossTolerance)}%), ` +
    `final loss ${ours.lossCurve[epochs - 1].toFixed(4)} vs ${library.lossCurve[epochs - 1].toFixed(4)}; ` +
    `${spec.metric} ${ours.score.toFixed(4)} vs ${library.score.toFixed(4)}, a gap of ${scoreGap.toFixed(4)} (tolerance ${spec.scoreTolerance})`;
  const sentence = pass
    ? `Agree: ${spec.ours} and ${spec.library} are the same model: ${detail}.`
    : `DISAGREE: ${spec.ours} and ${spec.library}: ${detail}.`;
  return { pass, lossGap, scoreGap, sentence };
}

/** Like `compareRuns`, but throws an Error carrying the sentence when the runs disagree. */
export function agreementCheck(ours: AgreementRun, library: AgreementRun, spec: AgreementSpec): Agreement {
  const result = compareRuns(ours, library, spec);
  if (!result.pass) throw new Error(result.sentence);
  return result;
}
