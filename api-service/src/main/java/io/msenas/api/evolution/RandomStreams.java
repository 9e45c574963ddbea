package io.msenas.api.evolution;

import io.msenas.model.random.SeedStreams;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * One independent random stream per (seed, generation). Every draw of generation g (building the
 * initial population for g = 0, breeding the candidates of g for g >= 1) comes from {@code
 * forGeneration(seed, g)} and from nothing else, so the search does not depend on how many times or
 * in which order the engine is called, nor on the order of its inputs.
 */
final class RandomStreams {

  private RandomStreams() {}

  /**
   * The generator of one generation: a {@link SplittableRandom} seeded with {@link
   * SeedStreams#derive}. Its algorithm (SplitMix64) is specified and has not changed since Java 8,
   * so a seed replays the same search on any JVM of the same major version, and in practice across
   * versions.
   */
  static RandomGenerator forGeneration(long seed, int generation) {
    return new SplittableRandom(SeedStreams.derive(seed, generation));
  }

  /**
   * The generator of one steady-state birth (the {@code birth}-th child bred after generation 0): a
   * stream family apart from the generations' ones.
   */
  static RandomGenerator forBirth(long seed, int birth) {
    return new SplittableRandom(SeedStreams.derive(SeedStreams.derive(seed, -1), birth));
  }
}
