package io.msenas.model.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;

/**
 * Where a result came from: enough to reproduce it or to explain why it differs.
 *
 * <p>Immutable and thread-safe. Unknown parts are {@code null} and left out of the JSON.
 *
 * @param engineVersion the worker's build version, never blank
 * @param seed the seed the evaluation used
 * @param nd4jBackend the ND4J backend ({@code "cpu"}, {@code "cuda"}), or {@code null} if unknown
 * @param nativeVariant the native build that ran ({@code "linux-x86_64-onednn-avx512"}), or {@code
 *     null} if unknown
 * @param blasCoreType the OpenBLAS core type in force ({@code OPENBLAS_CORETYPE}), or {@code null}
 *     if unset
 * @param host the worker's host name, or {@code null} if unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
    @NotBlank String engineVersion,
    long seed,
    String nd4jBackend,
    String nativeVariant,
    String blasCoreType,
    String host) {

  /** Validates the fields. */
  public Provenance {
    Checks.requireNonBlank(engineVersion, "engineVersion");
  }
}
