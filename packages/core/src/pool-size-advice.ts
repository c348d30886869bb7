/**
 * Which pool size costs the fewest tests at a given prevalence (Dorfman pooling): a pool of k
 * people takes one test, and a positive pool (probability 1 − (1 − p)^k) takes k more, one per
 * person. Tests per person = 1/k + 1 − (1 − p)^k. Re-samples per person = 1 − (1 − p)^k (everyone
 * in a positive pool is sampled again, in a single tube).
 */

export interface PoolAdvice {
  poolSize: number;
  testsPerPerson: number;
  resamplesPerPerson: number;
  /** Share of pools expected back positive. */
  positivePoolRate: number;
}

export const ADVISED_POOL_SIZES = [5, 10, 20] as const;

/** Tests and re-samples per person for each pool size at prevalence p (0 ≤ p ≤ 1). */
export function poolAdvice(prevalence: number, sizes: readonly number[] = ADVISED_POOL_SIZES): PoolAdvice[] {
  if (!Number.isFinite(prevalence) || prevalence < 0 || prevalence > 1) {
    throw new RangeError("Prevalence is a share between 0 and 1");
  }
  return sizes.map((k) => {
    const positivePoolRate = 1 - (1 - prevalence) ** k;
    return {
      poolSize: k,
      testsPerPerson: 1 / k + positivePoolRate,
      resamplesPerPerson: positivePoolRate,
      positivePoolRate,
    };
  });
}

/**
 * Whether pooling saves tests at all: some pool size needs fewer than one test per person. Above
 * about 30 % prevalence (Dorfman) single tubes are cheaper than any pool.
 */
export function poolingPays(prevalence: number, sizes: readonly number[] = ADVISED_POOL_SIZES): boolean {
  return poolAdvice(prevalence, sizes).some((a) => a.testsPerPerson < 1);
}

/** The pool size with the fewest tests per person (the smaller one on a tie: fewer people recalled). */
export function cheapestPoolSize(prevalence: number, sizes: readonly number[] = ADVISED_POOL_SIZES): number {
  const advice = poolAdvice(prevalence, sizes);
  let best = advice[0] as PoolAdvice;
  for (const a of advice) if (a.testsPerPerson < best.testsPerPerson - 1e-12) best = a;
  return best.poolSize;
}

/**
 * The prevalence a past round suggests from its share of positive pools r among pools of size k:
 * r = 1 − (1 − p)^k, so p = 1 − (1 − r)^(1/k).
 */
export function prevalenceFromPositivePools(positivePoolRate: number, poolSize: number): number {
  if (positivePoolRate <= 0) return 0;
  if (positivePoolRate >= 1) return 1;
  return 1 - (1 - positivePoolRate) ** (1 / poolSize);
}
