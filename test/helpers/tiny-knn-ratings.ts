/**
 * The hand-worked k-NN fixture shared by the similarity and predictor tests. Users a, b, c, d (0-3; e has no
 * ratings) and items x, y, z (0-2; w has no ratings):
 *   a: x 5, y 3, z 4     b: x 4, y 2          c: x 1, y 5, z 2     d: y 4, z 5
 */
import type { Ratings } from "../../src/data/ratings";

export const tinyKnnRatings: Ratings = {
  indexId: "tiny-knn-ratings", name: "tiny-knn",
  users: Int32Array.from([0, 0, 0, 1, 1, 2, 2, 2, 3, 3]),
  items: Int32Array.from([0, 1, 2, 0, 1, 0, 1, 2, 1, 2]),
  values: Float32Array.from([5, 3, 4, 4, 2, 1, 5, 2, 4, 5]),
  userIds: ["a", "b", "c", "d", "e"],
  itemIds: ["x", "y", "z", "w"],
  numUsers: 5,
  numItems: 4,
  size: 10,
  scale: { min: 1, max: 5 },
};
