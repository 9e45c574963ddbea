package io.msenas.model.message;

import io.msenas.model.preset.Preset;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * How a genome is scored: everything that changes a score, and nothing else. Two evaluations with
 * the same genome content hash and the same {@link #configHash()} give the same score, which is
 * what makes the shared fitness cache sound.
 *
 * <p>Immutable and thread-safe.
 *
 * @param fitness the fitness function's name ({@code "rdm-hamming"}, {@code "rdm-pearson"}, ...),
 *     never blank
 * @param fitnessVersion the version of that function's definition, {@code >= 1}; bump it whenever
 *     the function's output changes
 * @param dataset the data set the batches are drawn from ({@code "mnist"}, {@code "cifar10"}, ...),
 *     never blank
 * @param channels channels C of the first stage, {@code > 0}
 * @param timeSteps simulated time steps T per sample, {@code > 0}
 * @param batchSize samples per batch B, {@code > 0}
 * @param batches batches scored and averaged, {@code > 0}
 * @param seed seed of the random weights and of the batch draw
 * @param tau LIF membrane time constant (in time steps), finite and {@code >= 1} (below 1 the
 *     update {@code u += (I - u) / tau} overshoots its input)
 * @param threshold LIF firing threshold v_th (dimensionless membrane units), finite and {@code > 0}
 */
public record FitnessConfig(
    @NotBlank String fitness,
    @Positive int fitnessVersion,
    @NotBlank String dataset,
    @Positive int channels,
    @Positive int timeSteps,
    @Positive int batchSize,
    @Positive int batches,
    long seed,
    @DecimalMin("1.0") double tau,
    @Positive double threshold) {

  /**
   * The default fitness function: mean Hamming RDM of the spike trains (docs/algorithm.md section
   * 5).
   */
  public static final String RDM_HAMMING = "rdm-hamming";

  /** Mean RDM of 1 - Pearson correlation between the samples' spike vectors. */
  public static final String RDM_PEARSON = "rdm-pearson";

  /** SNASNet's sparsity-aware Hamming kernel, scored by its log-determinant. */
  public static final String SAHD_LOGDET = "sahd-logdet";

  /** Spearman correlation between the mean Hamming RDM and the label RDM. */
  public static final String RSA_LABELS = "rsa-labels";

  /**
   * Validation accuracy after a short training of the network (docs/engine.md): a training-based
   * reference score, far slower than the others, never measured on the test split.
   */
  public static final String TRAINED_ACCURACY = "trained-accuracy";

  /** The fitness functions that score the untrained network: what a correlation study compares. */
  public static final java.util.Set<String> TRAINING_FREE =
      java.util.Set.of(RDM_HAMMING, RDM_PEARSON, SAHD_LOGDET, RSA_LABELS);

  /**
   * The fitness functions that workers of this build implement, each with its current version: what
   * a search may name and what its tasks carry. The definitions are in docs/engine.md.
   */
  public static final Map<String, Integer> CURRENT_VERSIONS =
      Map.of(RDM_HAMMING, 1, RDM_PEARSON, 1, SAHD_LOGDET, 1, RSA_LABELS, 1, TRAINED_ACCURACY, 1);

  /** Validates the fields. */
  public FitnessConfig {
    Checks.requireNonBlank(fitness, "fitness");
    Checks.requirePositive(fitnessVersion, "fitnessVersion");
    Checks.requireNonBlank(dataset, "dataset");
    Checks.requirePositive(channels, "channels");
    Checks.requirePositive(timeSteps, "timeSteps");
    Checks.requirePositive(batchSize, "batchSize");
    Checks.requirePositive(batches, "batches");
    if (!Double.isFinite(tau) || tau < 1) {
      throw new IllegalArgumentException("tau must be finite and >= 1, was " + tau);
    }
    Checks.requirePositiveFinite(threshold, "threshold");
  }

  /**
   * The defaults of docs/algorithm.md: {@value #RDM_HAMMING} version 1, 2 batches, tau 2.0,
   * threshold 0.5, and C, T, B from the preset.
   *
   * @param p the preset, never {@code null}
   * @param dataset the data set, never blank
   * @param seed the seed of weights and batches
   * @return the configuration
   */
  public static FitnessConfig defaults(Preset p, String dataset, long seed) {
    Objects.requireNonNull(p, "preset");
    return new FitnessConfig(
        RDM_HAMMING, 1, dataset, p.channels(), p.timeSteps(), p.batchSize(), 2, seed, 2.0, 0.5);
  }

  /**
   * The text {@link #configHash()} digests: a header line, then one {@code name=value} line per
   * field in declaration order. Strings are written as {@code length:text}, so that no value can
   * imitate another field; doubles by {@link Double#toString(double)}. Changing this text changes
   * every cache key: do it only with a new header.
   *
   * @return the canonical text, never {@code null}
   */
  public String canonicalText() {
    return "fitness-config-v1\n"
        + "fitness="
        + fitness.length()
        + ":"
        + fitness
        + "\n"
        + "fitnessVersion="
        + fitnessVersion
        + "\n"
        + "dataset="
        + dataset.length()
        + ":"
        + dataset
        + "\n"
        + "channels="
        + channels
        + "\n"
        + "timeSteps="
        + timeSteps
        + "\n"
        + "batchSize="
        + batchSize
        + "\n"
        + "batches="
        + batches
        + "\n"
        + "seed="
        + seed
        + "\n"
        + "tau="
        + Double.toString(tau)
        + "\n"
        + "threshold="
        + Double.toString(threshold)
        + "\n";
  }

  /**
   * A stable key for this configuration: lowercase hex SHA-256 of the UTF-8 {@link
   * #canonicalText()}. Sensitive to every field.
   *
   * @return 64 lowercase hex characters
   */
  public String configHash() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha256.digest(canonicalText().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      // every Java platform must provide SHA-256, so this cannot happen on a conforming JVM
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
