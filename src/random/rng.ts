/**
 * Seeded pseudo-random generator injected wherever the suite needs randomness
 * (splits, shuffling, initialisation, negative sampling); the platform generator is never used in `src/`.
 *
 * Algorithm: xoshiro128** (Blackman and Vigna, "Scrambled linear pseudorandom number generators", 2018),
 * state seeded through splitmix32 so that nearby integer seeds give unrelated streams.
 * Period 2^128 - 1; 32-bit outputs; uniform doubles carry 32 random bits. The state lives in an Int32Array (the
 * same bits as four unsigned words; about three times faster than four number fields, which V8 boxes).
 */
export class Rng {
  /** xoshiro128** state words s0..s3 (as int32; only their bits matter). */
  private readonly state = new Int32Array(4);
  private spareNormal: number | null = null;

  /** Creates a generator from an integer seed (any safe integer; negative and zero allowed). */
  constructor(readonly seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(`Rng: seed must be a safe integer, got ${seed}`);
    }
    // Low and high 32-bit words of the seed (two's complement for negatives) enter the state separately,
    // so that distinct safe integers give distinct streams.
    const low = seed >>> 0;
    const high = Math.floor(seed / 0x100000000) >>> 0;
    let x = low;
    let y = Math.imul(high ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      y = (y + 0x632be5ab) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return ((z ^ (z >>> 16)) ^ y) >>> 0;
    };
    const st = this.state;
    for (let w = 0; w < 4; w++) st[w] = next();
    if ((st[0] | st[1] | st[2] | st[3]) === 0) st[0] = 1;
  }

  /** Next 32-bit unsigned integer, uniform on [0, 2^32). */
  nextUint32(): number {
    const st = this.state;
    const s0 = st[0];
    const s1 = st[1];
    let s2 = st[2];
    let s3 = st[3];
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    st[1] = s1 ^ s2;
    st[0] = s0 ^ s3;
    st[2] = s2 ^ t;
    st[3] = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** Uniform double on [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer on [0, n), without modulo bias; n must be a positive integer below 2^32. */
  int(n: number): number {
    if (!(n > 0) || n > 4294967296 || !Number.isInteger(n)) {
      throw new RangeError(`Rng.int: n must be an integer in [1, 2^32], got ${n}`);
    }
    // limit = 2^32 - (2^32 mod n) and r mod n, by a division and a floor: exact (every quotient times n is below
    // 2^53), the values of `%`, which V8 computes with a call to fmod when r is not an int32 (about half the draws):
    // a permutation of 4.75M took 0.27-0.37 s with `%`, 0.15-0.21 s so
    const limit = Math.floor(4294967296 / n) * n;
    let r = this.nextUint32();
    while (r >= limit) r = this.nextUint32();
    return r - Math.floor(r / n) * n;
  }

  /** Standard normal draw (mean 0, standard deviation 1), Marsaglia polar method. */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = this.next() * 2 - 1;
      v = this.next() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return u * f;
  }

  /** Shuffles an integer or float typed array in place (Fisher-Yates) and returns it. */
  shuffle<T extends Int32Array | Uint32Array | Float32Array | Float64Array | number[]>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /** A fresh generator derived from this one, for an independent stream (e.g. one per fold or epoch). */
  fork(): Rng {
    return new Rng(this.nextUint32() * 2097152 + (this.nextUint32() >>> 11));
  }

  /** An integer seed for libraries that take one (TF.js initialisers), drawn from this stream. */
  nextSeed(): number {
    return this.nextUint32() >>> 1;
  }
}
