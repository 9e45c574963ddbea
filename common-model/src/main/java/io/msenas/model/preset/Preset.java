package io.msenas.model.preset;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Named bundles of defaults (docs/algorithm.md section 7). Every value is a starting point that a
 * job may override.
 *
 * <p>Units: channels C of the first stage; cells L; time steps T per sample; samples per batch;
 * individuals per population and per offspring; generations of evolution.
 *
 * <p>JSON uses the lower-case {@link #id()} ({@code "paper"}). Immutable and thread-safe.
 */
public enum Preset {
  /** The paper's setting: GPU workers, CIFAR and DVS. */
  PAPER(48, 6, 10, 128, 50, 50, 100),
  /** A laptop CPU on MNIST, minutes per search. */
  QUICK(16, 6, 4, 64, 12, 12, 5),
  /** Tests: reductions at cells 1, 2, 3, so one searched cell. */
  SMOKE(8, 4, 2, 16, 4, 4, 2);

  private final int channels;
  private final int cells;
  private final int timeSteps;
  private final int batchSize;
  private final int population;
  private final int offspring;
  private final int generations;

  Preset(
      int channels,
      int cells,
      int timeSteps,
      int batchSize,
      int population,
      int offspring,
      int generations) {
    this.channels = channels;
    this.cells = cells;
    this.timeSteps = timeSteps;
    this.batchSize = batchSize;
    this.population = population;
    this.offspring = offspring;
    this.generations = generations;
  }

  /**
   * Channels C of the first stage (the stem outputs 3C; channels double at each reduction).
   *
   * @return C, positive
   */
  public int channels() {
    return channels;
  }

  /**
   * Number of cells L.
   *
   * @return L, at least 4
   */
  public int cells() {
    return cells;
  }

  /**
   * Simulated time steps T per sample.
   *
   * @return T, positive
   */
  public int timeSteps() {
    return timeSteps;
  }

  /**
   * Samples per batch B, for fitness and training.
   *
   * @return B, positive
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Individuals in the population.
   *
   * @return positive
   */
  public int population() {
    return population;
  }

  /**
   * Offspring bred per generation.
   *
   * @return positive
   */
  public int offspring() {
    return offspring;
  }

  /**
   * Generations of evolution.
   *
   * @return positive
   */
  public int generations() {
    return generations;
  }

  /**
   * The preset's name in job specs, CLIs and JSON.
   *
   * @return {@code "paper"}, {@code "quick"} or {@code "smoke"}
   */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The preset with a given id, ignoring case and surrounding blanks.
   *
   * @param id the id, such as {@code "quick"}
   * @return the preset, never {@code null}
   * @throws IllegalArgumentException naming the bad id and listing the valid ones, also for {@code
   *     null}
   */
  @JsonCreator
  public static Preset fromId(String id) {
    if (id != null) {
      String wanted = id.strip();
      for (Preset p : values()) {
        if (p.id().equalsIgnoreCase(wanted)) {
          return p;
        }
      }
    }
    String valid = Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", "));
    throw new IllegalArgumentException(
        "unknown preset id " + (id == null ? "null" : "'" + id + "'") + "; valid ids: " + valid);
  }
}
