/** Train/test splits of a Ratings, all deterministic (seeded with an injected Rng where random). */
export { type TrainTest, type UserRows, splitByMask, groupRowsByUser, requireTimestamps } from "./train-test";
export { randomSplit, type RandomSplitOptions } from "./random-split";
export { perUserHoldout, type PerUserHoldoutOptions } from "./per-user-holdout";
export { leaveLatestOneOut, type LeaveLatestOneOutOptions } from "./leave-latest-one-out";
export { chronologicalSplit, type ChronologicalSplitOptions } from "./chronological-split";
export { kFold, kFoldAssignment } from "./k-fold";
