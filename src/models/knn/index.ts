/** Neighbourhood (k-NN) rating models after Surprise (Hug 2020): the model, its configuration and similarities. */
export { KnnModel, createKnn, createKnnBasic, createKnnWithMeans, createKnnBaseline, type KnnConfigInput } from "./knn-model";
export { defaultKnnConfig, validateKnnConfig, type KnnConfig, type KnnKind, type KnnBasis, type KnnSimilarity } from "./knn-config";
export { computeSimilarityMatrix, similarityAt, type SimilarityMatrix } from "./similarity-matrix";
export { checkSimilarityMemory, similarityMatrixBytes, DEFAULT_MAX_SIMILARITY_BYTES } from "./knn-memory";
