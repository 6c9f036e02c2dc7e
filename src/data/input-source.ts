/**
 * Byte source of every loader input: opens a file with clear errors for a missing path or a directory,
 * decompresses `.gz` files transparently (node:zlib), and recognises compressed or archived content under
 * another name (gzip magic bytes 1f 8b, zip "PK\3\4") so that it is named as such instead of parsed as text.
 */
import * as fs from "fs";
import * as zlib from "zlib";
import { DataFormatError } from "./data-format-error";

/** A readable stream of bytes; `read` fills `buf[offset, offset + length)` and resolves to the count (0 at the end). */
export interface InputSource {
  /** Reads up to `length` bytes into `buf` at `offset`; 0 means the end of the data. */
  read(buf: Buffer, offset: number, length: number): Promise<number>;
  /** Releases the file. */
  close(): Promise<void>;
  /** True when the bytes come from a decompressed `.gz` file (byte offsets are then in the decompressed data). */
  readonly gzip: boolean;
}

/** True if `file`'s name says it is gzip-compressed (ends in ".gz"). */
export function isGzipName(file: string): boolean {
  return /\.gz$/i.test(file);
}

/** Throws the loaders' DataFormatError for an open/read failure of `file` (missing, a directory), else rethrows. */
export function rethrowInputError(file: string, err: unknown): never {
  if (err instanceof DataFormatError) throw err;
  const code = (err as { code?: string } | null)?.code;
  if (code === "ENOENT") throw new DataFormatError(file, undefined, "file not found");
  if (code === "EISDIR") throw new DataFormatError(file, undefined, "is a directory, not a file");
  if (code === "EACCES") throw new DataFormatError(file, undefined, "permission denied");
  throw err;
}

/** The DataFormatError for content that is compressed or archived but not named `.gz`, or undefined if `head` looks like text. */
export function compressedContentError(file: string, head: Buffer, length: number): DataFormatError | undefined {
  if (length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    return new DataFormatError(file, undefined, "is gzip-compressed (starts with bytes 1f 8b) but its name does not end in .gz; rename it to end in .gz (read transparently) or decompress it");
  }
  if (length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    return new DataFormatError(file, undefined, "is a zip archive (starts with bytes 50 4b 03 04), not a text file; unpack it and load the file inside");
  }
  if (length >= 3 && head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68) {
    return new DataFormatError(file, undefined, "is bzip2-compressed (starts with \"BZh\"); decompress it first (only .gz is read transparently)");
  }
  return undefined;
}

/** Opens `file` for reading (see the module comment); the caller must close the source. */
export async function openInput(file: string): Promise<InputSource> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, "r");
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw new DataFormatError(file, undefined, "is a directory, not a file");
    }
  } catch (err) {
    rethrowInputError(file, err);
  }
  const head = Buffer.alloc(4);
  const { bytesRead } = await handle.read(head, 0, 4, 0); // positional: does not move the file position
  if (!isGzipName(file)) {
    const bad = compressedContentError(file, head, bytesRead);
    if (bad) {
      await handle.close();
      throw bad;
    }
    return { read: async (buf, offset, length) => (await handle.read(buf, offset, length, null)).bytesRead, close: () => handle.close(), gzip: false };
  }
  if (bytesRead > 0 && !(bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b)) {
    await handle.close();
    throw new DataFormatError(file, undefined, "is named .gz but is not gzip-compressed (it does not start with bytes 1f 8b)");
  }
  return gunzipSource(file, handle);
}

/** A source over the decompressed bytes of the gzip file open as `handle`. */
function gunzipSource(file: string, handle: fs.promises.FileHandle): InputSource {
  const stream = handle.createReadStream({ start: 0 }).pipe(zlib.createGunzip());
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let pending: Buffer | null = null;
  return {
    gzip: true,
    async read(buf, offset, length) {
      if (pending === null || pending.length === 0) {
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch (err) {
          throw new DataFormatError(file, undefined, `cannot be decompressed (${(err as Error).message}); is the .gz file complete?`, { cause: err });
        }
        if (next.done) return 0;
        pending = next.value;
      }
      const n = Math.min(length, pending.length);
      pending.copy(buf, offset, 0, n);
      pending = pending.subarray(n);
      return n;
    },
    async close() {
      stream.destroy();
      await handle.close();
    },
  };
}

/** Reads all of `file` synchronously (decompressing `.gz`), with the same errors as openInput. */
export function readInputSync(file: string): Buffer {
  let bytes: Buffer;
  try {
    if (fs.statSync(file).isDirectory()) throw new DataFormatError(file, undefined, "is a directory, not a file");
    bytes = fs.readFileSync(file);
  } catch (err) {
    rethrowInputError(file, err);
  }
  if (!isGzipName(file)) {
    const bad = compressedContentError(file, bytes, bytes.length);
    if (bad) throw bad;
    return bytes;
  }
  try {
    return zlib.gunzipSync(bytes);
  } catch (err) {
    throw new DataFormatError(file, undefined, `cannot be decompressed (${(err as Error).message}); is the .gz file complete?`, { cause: err });
  }
}
