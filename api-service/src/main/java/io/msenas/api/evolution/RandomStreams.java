package io.msenas.api.evolution;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * One independent random stream per (seed, generation). Every draw of generation g (building the
 * initial population for g = 0, breeding the candidates of g for g >= 1) comes from {@code
 * forGeneration(seed, g)} and from nothing else, so the search does not depend on how many times or
 * in which order the engine is called, nor on the order of its inputs.
 */
final class RandomStreams {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private RandomStreams() {}

  /**
   * The generator of one generation: a {@link SplittableRandom} seeded with {@link #mix}. Its
   * algorithm (SplitMix64) is specified and has not changed since Java 8, so a seed replays the
   * same search on any JVM of the same major version, and in practice across versions.
   */
  static RandomGenerator forGeneration(long seed, int generation) {
    return new SplittableRandom(mix(seed, generation));
  }

  /**
   * The generator of one steady-state birth (the {@code birth}-th child bred after generation 0): a
   * stream family apart from the generations' ones.
   */
  static RandomGenerator forBirth(long seed, int birth) {
    return new SplittableRandom(mix(mix(seed, -1), birth));
  }

  /**
   * SplitMix64's finaliser applied to the seed advanced by {@code generation + 1} golden-ratio
   * steps: nearby seeds and nearby generations give unrelated streams.
   */
  static long mix(long seed, int generation) {
    long z = seed + GOLDEN_GAMMA * (generation + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
