/**
 * The NeuMF-style pretraining of the MF + MLP hybrid (He et al., "Neural collaborative filtering", WWW 2017,
 * section 3.4.1): a fitted biased MF's and/or MLP's weights copied in, the fusion set to α·MF + (1-α)·MLP.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { HybridMfMlpConfig, HybridPretrained } from "./hybrid-mf-mlp";
import type { MlpBranch } from "./mlp-branch";
import { branchLayoutDifference } from "./mlp-branch-config";

/** The hybrid's trainable weights. */
export interface HybridWeights {
  userFactors: tf.Variable;
  itemFactors: tf.Variable;
  branch: MlpBranch;
  /** Fusion kernel, shape [mf.dim + branch.outputWidth, 1], and bias, shape [1]. */
  fusionKernel: tf.Variable;
  fusionBias: tf.Variable;
  userBias: tf.Variable | null;
  itemBias: tf.Variable | null;
}

/** Copies the pretrained parts into `w` and sets the α-weighted fusion (see the file comment). */
export function copyPretrained(w: HybridWeights, pretrained: HybridPretrained, config: HybridMfMlpConfig): void {
  const { mf, mlp } = pretrained;
  if (!mf && !mlp) return;
  const alpha = config.alpha;
  const dim = config.mf.dim;
  const owner = "HybridMfMlpModel (pretraining)";
  const userBiases: tf.Tensor[] = [];
  const itemBiases: tf.Tensor[] = [];
  tf.tidy(() => {
    let mfKernel: tf.Tensor = tf.slice(w.fusionKernel, [0, 0], [dim, 1]);
    let mlpKernel: tf.Tensor = tf.slice(w.fusionKernel, [dim, 0], [w.branch.outputWidth, 1]);
    if (mf) {
      const [p, q, bu, bi] = mf.trainableVariables();
      if (!p) throw new Error(`${owner}: the pretrained MF is not fitted`);
      for (const [mine, theirs, what] of [[w.userFactors, p, "user"], [w.itemFactors, q, "item"]] as const) {
        if (!tf.util.arraysEqual(mine.shape, theirs.shape)) {
          throw new RangeError(`${owner}: MF ${what} factors are [${theirs.shape}], expected [${mine.shape}] (HybridMfMlpConfig.mf.dim and the same training ratings)`);
        }
        mine.assign(theirs);
      }
      mfKernel = tf.fill([dim, 1], alpha);
      userBiases.push(tf.mul(alpha, bu));
      itemBiases.push(tf.mul(alpha, bi));
    }
    if (mlp) {
      const parts = mlp.fittedParts();
      const differs = branchLayoutDifference(config.mlp, mlp.config);
      if (differs) throw new RangeError(`${owner}: HybridMfMlpConfig.mlp.${differs} differs from the pretrained MLP's`);
      w.branch.copyFrom(parts.branch, owner);
      mlpKernel = tf.mul(1 - alpha, parts.outputKernel);
      w.fusionBias.assign(tf.mul(1 - alpha, parts.outputBias));
      if (parts.userBias && parts.itemBias) {
        userBiases.push(tf.mul(1 - alpha, parts.userBias));
        itemBiases.push(tf.mul(1 - alpha, parts.itemBias));
      }
    }
    w.fusionKernel.assign(tf.concat([mfKernel, mlpKernel], 0));
    if (w.userBias && w.itemBias && userBiases.length > 0) {
      w.userBias.assign(userBiases.length === 1 ? userBiases[0] : tf.addN(userBiases));
      w.itemBias.assign(itemBiases.length === 1 ? itemBiases[0] : tf.addN(itemBiases));
    }
  });
}

