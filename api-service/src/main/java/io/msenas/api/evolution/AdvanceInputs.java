package io.msenas.api.evolution;

import io.msenas.model.genome.SearchSpace;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Checks what {@link EvolutionEngine#advance} is given; messages name the bad value. */
final class AdvanceInputs {

  private AdvanceInputs() {}

  static void check(
      SearchSpace space,
      EvolutionSettings settings,
      int generation,
      List<EvaluatedCandidate> survivors,
      List<EvaluatedCandidate> evaluated) {
    Objects.requireNonNull(survivors, "survivors");
    Objects.requireNonNull(evaluated, "evaluated");
    if (generation < 0 || generation > settings.lastGeneration()) {
      throw new IllegalArgumentException(
          "generation must be in [0, " + settings.lastGeneration() + "], was " + generation);
    }
    if (generation == 0 && !survivors.isEmpty()) {
      throw new IllegalArgumentException(
          "survivors must be empty for generation 0, was " + survivors.size() + " candidates");
    }
    if (survivors.size() > settings.population()) {
      throw new IllegalArgumentException(
          "survivors must number at most the population "
              + settings.population()
              + ", was "
              + survivors.size());
    }
    Set<String> ids = new HashSet<>();
    for (EvaluatedCandidate s : survivors) {
      checkOne(space, settings, Objects.requireNonNull(s, "survivor"), ids);
      if (s.failed()) {
        throw new IllegalArgumentException(
            "survivor " + s.id() + " failed; failed candidates never survive");
      }
      if (s.candidate().generation() >= generation) {
        throw new IllegalArgumentException(
            "survivor "
                + s.id()
                + " must be born before generation "
                + generation
                + ", was born in "
                + s.candidate().generation());
      }
    }
    for (EvaluatedCandidate e : evaluated) {
      checkOne(space, settings, Objects.requireNonNull(e, "evaluated candidate"), ids);
      if (e.candidate().generation() != generation) {
        throw new IllegalArgumentException(
            "evaluated candidate "
                + e.id()
                + " must be born in generation "
                + generation
                + ", was born in "
                + e.candidate().generation());
      }
    }
  }

  private static void checkOne(
      SearchSpace space, EvolutionSettings settings, EvaluatedCandidate c, Set<String> ids) {
    if (!ids.add(c.id())) {
      throw new IllegalArgumentException(
          "candidate ids must be distinct, was " + c.id() + " twice");
    }
    if (!c.failed() && c.objectives().count() != settings.objectives()) {
      throw new IllegalArgumentException(
          "candidate "
              + c.id()
              + " must have "
              + settings.objectives()
              + " objective(s), was "
              + c.objectives().count());
    }
    String hash = space.contentHash(c.candidate().genome());
    if (!hash.equals(c.candidate().canonicalHash())) {
      throw new IllegalArgumentException(
          "candidate "
              + c.id()
              + " canonicalHash must be the genome's content hash "
              + hash
              + ", was "
              + c.candidate().canonicalHash());
    }
  }
}
