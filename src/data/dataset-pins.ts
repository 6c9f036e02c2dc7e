/**
 * The pinned content of every registered data set: the expected digest of each published file (SHA-256, or the
 * git blob id where only that is known) and, for LibimSeTi, whose files have no recorded hash, its published
 * counts. Values from ../shared/data/SOURCES.md (MovieLens) and the LibimSeTi README. verify-dataset.ts checks a
 * data set's folder against these before it is used.
 */

/** Expected digest of one file of a data set (one of the two). */
export interface FilePin {
  /** SHA-256 of the file's bytes, hex. */
  readonly sha256?: string;
  /** Git blob id: SHA-1 of `blob <size>\0` followed by the bytes, hex (what `git hash-object` prints). */
  readonly gitBlobSha1?: string;
  /** The folder must hold this file (the loader reads it); other pinned files are checked when present. */
  readonly required?: boolean;
}

/** Published counts of a data set, checked on the loaded ratings. */
export interface DatasetCounts {
  /** Number of ratings. */
  readonly ratings: number;
  /** Number of distinct users with at least one rating. */
  readonly users: number;
  /** Number of distinct items with at least one rating. */
  readonly items: number;
}

/** What a data set's folder must contain: file digests (path relative to the folder) and, optionally, counts. */
export interface DatasetPins {
  readonly files: Readonly<Record<string, FilePin>>;
  readonly counts?: DatasetCounts;
}

const required = true;

/** Pins of the registered data sets. */
export const DATASET_PINS: Readonly<Record<"ml-latest-small" | "ml-100k" | "ml-1m" | "libimseti", DatasetPins>> = {
  "ml-latest-small": {
    files: {
      "README.txt": { sha256: "63d22ac138e80fae37021797ed8e1b9424b5239dc576a137422adf783ae3f404" },
      "links.csv": { sha256: "97ad18e4e56a09363c65676b6cb3482ce3e2cea2372a24620c1599c843325f31" },
      "movies.csv": { sha256: "5a5f32dd9bb3797b8e728a1b98958789d2b13f294a69fdfbc5727f8a9611aa07", required },
      "ratings.csv": { sha256: "aa289ca83157595d0df6aea1be6a4ded676ddc4385472e8313a8ed9805352646", required },
      "tags.csv": { sha256: "92a9f8bb7916dceef6151209845788c3643f794dfa79d1feaec7121b5960399d" },
    },
  },
  "ml-100k": {
    files: {
      README: { sha256: "4883b8cf340ed0059971b33f56ad3adc88a40792108ebca3d24aafc4c82e8b52" },
      "u.data": { sha256: "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490", required },
      "u.genre": { sha256: "9757e0d3e6b298159a80dd48eaf938114690e911e39af97a76949ef1663610bb" },
      "u.info": { sha256: "5b0a40b2e47a729ee6203063f6dcf8790c2e63f5a18663e6ee318a72c5f3c27b" },
      "u.item": { sha256: "553841ebc7de3a0fd0d6b62a204ea30c1e651aacfb2814c7a6584ac52f2c5701", required },
      "u.occupation": { sha256: "cd5fbec9afe345d993a62fc7817df1a4a9079c4feb267b3118763b8fd942137d" },
      "u.user": { sha256: "f120e114da2e8cf314fd28f99417c94ae9ddf1cb6db8ce0e4b5995d40e90e62c", required },
      "u1.base": { sha256: "ce253ec86c448b44fb3ba9a30d12dcfc2e9210cbde71efada3730c22e9ac212a" },
      "u1.test": { sha256: "18c6014a4b2c7324f250a63f8904a7b16b2b19f911129e346141507b0cbac950" },
      "u2.base": { sha256: "6c06f0b5df4b256da1a994f3ac66edc8da4d3f09bc9282df6b14d893366d703e" },
      "u2.test": { sha256: "4de658d1e04ed9104629509a2e2528fce833ac8e048280183f1df167632038c3" },
      "u3.base": { sha256: "afdc155c291c6edc41c0407e39d7462eb98d341e064f0b0a12175b80b3c4af5d" },
      "u3.test": { sha256: "0f548b51c78327de4c156461d3e430b7e5579fe2b5681586a59416e48fd35f6d" },
      "u4.base": { sha256: "219f0f4d40dfe9c5141d425f53fa91ee23ed275f14e280bbf1b50117afb064ca" },
      "u4.test": { sha256: "7c02ad0a1e7ab1083c8b9d4b627203a051dd7b5eab46d99fa44de33470de8db9" },
      "u5.base": { sha256: "a9574e59ce961eec2121627760b6e9b0974ce1637b3fe69ac32cb14a4bfab485" },
      "u5.test": { sha256: "351cc52e0d15b6c721466276fc24671d40936899e3d01fadeaf312915b8c5634" },
      "ua.base": { sha256: "67b5bcdb380c29f85d56a012ecd88612ae020f30a6730d117a334ee8203b91f2" },
      "ua.test": { sha256: "d0497e202417720f57a184ec8c66be2d1afa4ff41bb53787c57b28d6bf79bc42" },
      "ub.base": { sha256: "237254d253b6ad7de84f919d041055428646254f34ed8f562703c899430cd881" },
      "ub.test": { sha256: "d54a72d05730d5892062734b2bec73e976f9b713d18c828a18b968d6cce442da" },
    },
  },
  "ml-1m": {
    files: {
      README: { sha256: "2d5ddce86ccbd247207456165827b4b9ddf27282bca93807d4c763e28414f133" },
      "movies.dat": { sha256: "0140fc2356357c1a851d0f52e893a1e4d3696df632c4141cea8d5bc3d621f0b9", required },
      "users.dat": { sha256: "1dc3a95300cb19f7c10e027daf29b8cdf1d908dab65b5edfb45950aa389a10a3", required },
      // The original ratings.dat (about 24 MB): only its git blob id is known, the same in several public copies.
      "ratings.dat": { gitBlobSha1: "77a7c4b150f588c23bb9e1f068aa996c0b413695" },
      // ../shared/data's stand-ins for it (see SOURCES.md): the derived timestamp-free file and a verbatim prefix.
      "derived/ratings_user_movie_rating.dat": { sha256: "ceee897ed3363d04d455cd7dff60c345fff8bb1273f7b81c6573ae58e2b8f219" },
      "derived/ratings_unresolved_movieid.dat": { sha256: "550b0212c765db02104d02fc5a0d94199cea5cc6d6b7f46683bb1102bc9abcfa" },
      "derived/svdapproximation_item_to_movieid.tsv": { sha256: "f843f155f425f73960ab2136f4e81e769534d2a9a4adb1d5c92f92b3a24cfb05" },
      "ratings.first487650lines.dat": { sha256: "1273c4edfe3c0ff9e3a0a0d55819faeb947da0ad7df3927333b51ebefbeedc3d" },
    },
  },
  libimseti: {
    // No published hash of ratings.dat is known; its README gives the counts: "17,359,346 anonymous ratings of
    // 168,791 profiles made by 135,359 LibimSeTi users".
    files: {},
    counts: { ratings: 17359346, users: 135359, items: 168791 },
  },
};
