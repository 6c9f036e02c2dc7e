/**
 * Loader for the NCF leave-one-out files of MovieLens 1M keyed by MovieID (`ml-1m-loo`: He et al. 2017's
 * protocol, each user's latest rating held out and ranked against 99 sampled items): train.dat, test.dat and
 * test.negative.dat in one shared user and item index space.
 */
import { DataFormatError } from "./data-format-error";
import { IdIndex } from "./id-index";
import { requireDirectory, requireFile } from "./input-files";
import { readDelimitedInto } from "./load-delimited";
import { MOVIELENS_STAR_SCALE } from "./load-movielens-100k";
import type { LoaderInputOptions } from "./loader-options";
import { fieldCountMessage, isBlank, parseIdField } from "./parse-fields";
import type { Ratings } from "./ratings";
import { RatingsBuilder } from "./ratings-builder";
import { forEachLine } from "./read-lines";

/** The leave-one-out data: train and test share numUsers, numItems, userIds and itemIds. */
export interface LeaveOneOutData {
  /** All ratings except the held-out ones (no timestamps). */
  readonly train: Ratings;
  /** One held-out rating per user, with timestamps. */
  readonly test: Ratings;
  /** Sampled items to rank against each test rating: row k (for test rating k) holds `negativesPerUser` dense item indices. Shape [test.size, negativesPerUser], row-major. */
  readonly negatives: Int32Array;
  /** Number of negatives per test rating (99 in the NCF files). */
  readonly negativesPerUser: number;
}

/** Options of loadMl1mLoo. */
export interface Ml1mLooOptions extends Pick<LoaderInputOptions, "encoding" | "duplicates"> {
  /** Data set name of both parts; default "ml-1m-loo". */
  name?: string;
}

/**
 * Loads train.dat (`UserID::MovieID::Rating`), test.dat (`UserID::MovieID::Rating::Timestamp`) and
 * test.negative.dat (`UserID::m1|m2|...`) from `dir`. Indices: first appearance in train, then test, then
 * negatives (items only ever sampled as negatives get the last indices).
 */
export async function loadMl1mLoo(dir: string, options: Ml1mLooOptions = {}): Promise<LeaveOneOutData> {
  const loader = "loadMl1mLoo";
  requireDirectory(dir, loader);
  const trainFile = requireFile(dir, "train.dat", loader);
  const testFile = requireFile(dir, "test.dat", loader);
  const negFile = requireFile(dir, "test.negative.dat", loader);
  const name = options.name ?? "ml-1m-loo";
  const users = new IdIndex();
  const items = new IdIndex();
  const columns = { user: 0, item: 1, rating: 2, timestamp: 3 };

  const { encoding, duplicates } = options;
  const common = { delimiter: "::", header: false, columns, encoding, idType: "integer" as const };
  const trainBuilder = new RatingsBuilder({ name, scale: MOVIELENS_STAR_SCALE, users, items, timestamps: false, initialCapacity: 1 << 20, duplicates });
  await readDelimitedInto(trainBuilder, { ...common, file: trainFile, fieldCounts: [3], timestampOptional: true });
  const testBuilder = new RatingsBuilder({ name, scale: MOVIELENS_STAR_SCALE, users, items, timestamps: true, duplicates });
  await readDelimitedInto(testBuilder, { ...common, file: testFile, fieldCounts: [4] });

  // Negatives, keyed by dense user index until the test ratings are built.
  const byUser = new Map<number, { row: Int32Array; line: number }>();
  let perUser = -1;
  let firstLine = 0;
  await forEachLine(negFile, (line, ln) => {
    if (isBlank(line)) return;
    const parts = line.split("::");
    if (parts.length !== 2) throw new DataFormatError(negFile, ln, fieldCountMessage(2, "::", parts.length));
    const user = users.lookup(parseIdField(parts[0], "UserID", "integer", negFile, ln, "::"));
    if (user < 0) throw new DataFormatError(negFile, ln, `UserID ${parts[0].trim()} appears in neither ${trainFile} nor ${testFile}`);
    if (byUser.has(user)) throw new DataFormatError(negFile, ln, `UserID ${parts[0].trim()} appears twice`);
    const ids = parts[1].split("|");
    if (perUser < 0) {
      perUser = ids.length;
      firstLine = ln;
    } else if (ids.length !== perUser) {
      throw new DataFormatError(negFile, ln, `expected ${perUser} items separated by '|' (as on line ${firstLine}) but found ${ids.length}`);
    }
    const row = new Int32Array(perUser);
    for (let k = 0; k < perUser; k++) {
      if (ids[k].trim().length === 0) throw new DataFormatError(negFile, ln, `item ${k + 1} of the list is empty`);
      row[k] = items.intern(parseIdField(ids[k], `item ${k + 1} of the list`, "integer", negFile, ln));
    }
    byUser.set(user, { row, line: ln });
  }, { encoding });
  if (perUser < 0) throw new DataFormatError(negFile, undefined, "file is empty (no negatives)");

  const train = trainBuilder.build();
  const test = testBuilder.build();
  const negatives = new Int32Array(test.size * perUser);
  const testUsers = new Set<number>();
  for (let k = 0; k < test.size; k++) {
    const entry = byUser.get(test.users[k]);
    if (!entry) {
      throw new DataFormatError(negFile, undefined, `no negatives for UserID ${test.userIds[test.users[k]]} (test rating ${k + 1} in ${testFile})`);
    }
    negatives.set(entry.row, k * perUser);
    testUsers.add(test.users[k]);
  }
  byUser.forEach((entry, user) => {
    if (!testUsers.has(user)) throw new DataFormatError(negFile, entry.line, `UserID ${users.ids[user]} has no test rating in ${testFile}`);
  });
  return { train, test, negatives, negativesPerUser: perUser };
}
