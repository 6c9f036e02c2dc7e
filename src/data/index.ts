/** The data layer in one import: the Ratings contract, loaders, the registry, the downloader and the splits. */
export * from "./ratings";
export * from "./features";
export { DataFormatError } from "./data-format-error";
export { IdIndex } from "./id-index";
export { loadReport, describeLoadReport, type LoadReport, type SideRowsReport } from "./load-report";
export { DUPLICATE_POLICIES, type DuplicatePolicy, type ValueKind } from "./duplicate-rows";
export { TEXT_ENCODINGS, type TextEncoding } from "./text-decoding";
export type { LoaderInputOptions, SideRowsPolicy } from "./loader-options";
export type { IdType } from "./parse-fields";
export { RatingsBuilder, type RatingsBuilderOptions, type BuildOptions, checkScale, describeScale } from "./ratings-builder";
export { forEachLine, forEachLineSync, readLines, type LineEncoding, type ReadLinesOptions, type Line } from "./read-lines";
export { loadDelimited, readDelimitedInto, type LoadDelimitedOptions, type DelimitedFileOptions, type DelimitedColumns, type ColumnRef } from "./load-delimited";
export { loadDelimitedFiles, type LoadDelimitedFilesOptions } from "./load-delimited-files";
export { assertSameIndex, assertPairsInRange, newIndexId, SHARED_INDEX_HINT } from "./index-identity";
export { loadMovielensLatestSmall, ML_LATEST_SMALL_SCALE, type MovielensLatestSmallOptions } from "./load-movielens-latest-small";
export { loadMovielens100k, MOVIELENS_STAR_SCALE, type Movielens100kOptions } from "./load-movielens-100k";
export { loadMovielens1m, ML_1M_DERIVED_RATINGS, ML_1M_RATINGS_PREFIX, resolveMl1mTimestampsFile, type Movielens1mOptions } from "./load-movielens-1m";
export { loadLibimseti, LIBIMSETI_SCALE, LIBIMSETI_GENDERS, type LibimsetiOptions } from "./load-libimseti";
export { loadMl1mLoo, type LeaveOneOutData, type Ml1mLooOptions } from "./load-ml-1m-loo";
export { attachTimestamps, type TimestampedRatings } from "./attach-timestamps";
export { loadMovieReleaseYears, releaseYearOfTitle, releaseYearSourceOf, type ReleaseYears, type ReleaseYearSource } from "./movie-release-years";
export { loadDataset, datasetDir, DATASET_NAMES, type DatasetName, type LoadDatasetOptions } from "./dataset-registry";
export {
  readDatasetDescriptor, parseDatasetDescriptor, datasetNameFromFile, type DatasetDescriptor, type DescriptorColumns,
  type DescriptorEncoding, type DuplicatesPolicy,
} from "./dataset-descriptor";
export { loadOwnDataset, loadFromDescriptor, findOwnDataFile, ownDataDescriptor, inferScale, type OwnDataOptions } from "./load-own-data";
export { loadWide, type LoadWideOptions } from "./load-wide";
export { sniffDescriptor, describeSniffed, SNIFFED_DELIMITERS, ROLE_NAMES } from "./sniff-delimited";
export { loadSideFeatures, type SideFeaturesSpec, type SideFeatureColumn } from "./side-features";
export { downloadDataset, sha256File, DATASET_SOURCES, type DownloadableDataset, type DownloadOptions, type FetchLike } from "./download-dataset";
export { DATASET_PINS, type DatasetPins, type FilePin, type DatasetCounts } from "./dataset-pins";
export { verifyDatasetFiles, verifyDatasetCounts, fileDigest, type VerifyOptions } from "./verify-dataset";
export * from "./splits/index";
