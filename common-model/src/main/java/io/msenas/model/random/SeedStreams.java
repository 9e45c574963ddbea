package io.msenas.model.random;

/**
 * Seeds of independent {@link java.util.SplittableRandom} streams derived from one seed:
 * SplitMix64's finaliser (Stafford's mix 13) applied to the seed advanced by {@code index + 1}
 * golden-ratio steps. Nearby seeds and nearby indices give unrelated streams. A linear seed such as
 * {@code seed * gamma + index * c} does not: SplittableRandom steps its own state by the golden
 * gamma, so the stream of seed s + 1 would be the stream of seed s one draw on.
 */
public final class SeedStreams {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private SeedStreams() {}

  /** The seed of stream {@code index} of {@code seed}. */
  public static long derive(long seed, long index) {
    return mix(seed + GOLDEN_GAMMA * (index + 1));
  }

  /** SplitMix64's finaliser: a bijective 64-bit hash. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
