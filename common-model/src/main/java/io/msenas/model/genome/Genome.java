package io.msenas.model.genome;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Arrays;
import java.util.Objects;

/**
 * A genome: a flat integer vector plus the search-space version that decodes it.
 *
 * <p>The vector alone means nothing: always read it through the {@link SearchSpace} of the same
 * version ({@link SearchSpace#validate}, {@link SearchSpace#decode}). This record checks only that
 * both parts are present; whether the genes fit a space is the space's business.
 *
 * <p>Immutable and thread-safe: the array is copied on the way in and on the way out, and {@code
 * equals}, {@code hashCode} and {@code toString} go by the array's content (a record would
 * otherwise compare array identity). Two genomes that differ only in non-coding genes are not equal
 * here; compare {@link SearchSpace#contentHash} for "same network".
 *
 * <p>JSON: {@code {"searchSpaceVersion":"mse-v1","genes":[...]}}.
 *
 * @param searchSpaceVersion the version of the search space that decodes the genes, never blank
 * @param genes the gene vector, never {@code null}
 */
public record Genome(@NotBlank String searchSpaceVersion, @NotNull int[] genes) {

  /** Validates and copies. */
  public Genome {
    if (searchSpaceVersion == null || searchSpaceVersion.isBlank()) {
      throw new IllegalArgumentException(
          "genome searchSpaceVersion must not be blank, was "
              + (searchSpaceVersion == null ? "null" : "'" + searchSpaceVersion + "'"));
    }
    genes = Objects.requireNonNull(genes, "genes").clone();
  }

  /**
   * A copy of the gene vector; changing it does not change this genome.
   *
   * @return a fresh array
   */
  @Override
  public int[] genes() {
    return genes.clone();
  }

  /**
   * The number of genes.
   *
   * @return {@code genes().length}, without copying
   */
  public int length() {
    return genes.length;
  }

  /**
   * One gene, without copying the vector.
   *
   * @param i the gene index, in {@code [0, length())}
   * @return the gene's value
   * @throws IndexOutOfBoundsException if {@code i} is out of range
   */
  public int gene(int i) {
    Objects.checkIndex(i, genes.length);
    return genes[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Genome other
        && searchSpaceVersion.equals(other.searchSpaceVersion)
        && Arrays.equals(genes, other.genes);
  }

  @Override
  public int hashCode() {
    return 31 * searchSpaceVersion.hashCode() + Arrays.hashCode(genes);
  }

  @Override
  public String toString() {
    return "Genome[searchSpaceVersion="
        + searchSpaceVersion
        + ", genes="
        + Arrays.toString(genes)
        + "]";
  }
}
