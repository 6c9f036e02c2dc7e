/**
 * Factories that score a blend's members beside the blend without fitting them a second time: one view per
 * member, then the blend, all sharing one BlendModel per round of factory calls (one cross-validation fold). The
 * first model fitted fits the blend on the training ratings it is given; every view then predicts with the blend's
 * own fitted member (with `refit`, the member fitted on all those training ratings: the same model a standalone
 * run would fit, from another seed fork). Each view reports its member's own training history and time.
 */
import type { Ratings } from "../data/ratings";
import type { TrainingHistory } from "../train/training-history";
import { createBlend, type BlendConfig, type BlendModel } from "./blend";
import type { FitOptions, RatingModel } from "./rating-model";

/** One blend shared by the views of one fold; fitted once, disposed when every view of it is disposed. */
class SharedBlend {
  private fittedOn: Ratings | undefined;
  private fitting: Promise<TrainingHistory> | undefined;
  private open: number;

  constructor(readonly blend: BlendModel, views: number) {
    this.open = views;
  }

  /** Fits the blend on `train` unless it already was (the same Ratings object); the blend's own history. */
  ensureFitted(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    if (this.fitting && this.fittedOn !== train) {
      throw new Error(`${this.blend.name}: its member views were fitted on different training ratings; create the views anew for each fit (blendWithMemberViews)`);
    }
    if (!this.fitting) {
      this.fittedOn = train;
      this.fitting = this.blend.fit(train, options);
    }
    return this.fitting;
  }

  release(): void {
    this.open -= 1;
    if (this.open === 0) this.blend.dispose();
  }
}

/** A view of member `index` of a shared blend (or, with index -1, of the blend itself). */
class BlendView implements RatingModel {
  private disposed = false;
  private fitted = false;

  constructor(private readonly shared: SharedBlend, private readonly index: number, readonly name: string) {}

  get fittedIndexId(): string | undefined {
    return this.shared.blend.fittedIndexId;
  }

  async fit(train: Ratings, options: FitOptions): Promise<TrainingHistory> {
    const own = await this.shared.ensureFitted(train, options);
    this.fitted = true;
    return this.index < 0 ? own : this.shared.blend.memberHistories()[this.index];
  }

  predict(users: Int32Array, items: Int32Array): Float32Array {
    if (!this.fitted || this.disposed) throw new Error(`${this.name}: predict called before fit (or after dispose)`);
    return this.index < 0 ? this.shared.blend.predict(users, items) : this.shared.blend.fittedMembers()[this.index].predict(users, items);
  }

  predictAt(users: Int32Array, items: Int32Array, timestamps: Float64Array): Float32Array {
    if (!this.fitted || this.disposed) throw new Error(`${this.name}: predictAt called before fit (or after dispose)`);
    if (this.index < 0) return this.shared.blend.predictAt(users, items, timestamps);
    const m = this.shared.blend.fittedMembers()[this.index];
    return m.predictAt ? m.predictAt(users, items, timestamps) : m.predict(users, items);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.shared.release();
  }
}

/**
 * `members.length + 1` factories for crossValidate or evaluateRatingModels: the views of members 0..m−1 (named
 * `names[j]`), then the blend (named by its config); call them in order, once each per fold, as those functions
 * do. `onFitted` receives each fold's fitted blend (e.g. to collect its weights).
 */
export function blendWithMemberViews(
  members: readonly (() => RatingModel)[],
  names: readonly string[],
  config: Partial<BlendConfig> = {},
  onFitted?: (blend: BlendModel) => void,
): (() => RatingModel)[] {
  if (members.length === 0) throw new RangeError("blendWithMemberViews: at least one member factory is needed");
  if (names.length !== members.length) throw new RangeError(`blendWithMemberViews: ${names.length} names for ${members.length} members`);
  let shared: SharedBlend | undefined;
  const current = (): SharedBlend => {
    if (!shared) throw new Error("blendWithMemberViews: call the factories in order (the first view starts each fold)");
    return shared;
  };
  const views = names.map((name, j) => () => {
    if (j === 0) shared = new SharedBlend(createBlend(members, config), members.length + 1);
    return new BlendView(current(), j, name);
  });
  const blendView = (): RatingModel => {
    const s = current();
    const view = new BlendView(s, -1, s.blend.name);
    const fit = view.fit.bind(view);
    view.fit = async (train, options) => {
      const h = await fit(train, options);
      onFitted?.(s.blend);
      return h;
    };
    return view;
  };
  return [...views, blendView];
}
