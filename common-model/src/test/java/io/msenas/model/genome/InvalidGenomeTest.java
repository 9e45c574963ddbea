package io.msenas.model.genome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class InvalidGenomeTest {

  private static final SearchSpace SPACE = SearchSpace.of(6, InputKind.STATIC_IMAGE);

  @Test
  void kernelGeneOutOfBoundsNamesIndexRoleValueAndBounds() {
    Genome g = GenomeBuilder.of(SPACE).gene(41, 7).build();
    InvalidGenomeException e =
        catchThrowableOfType(InvalidGenomeException.class, () -> SPACE.validate(g));
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.geneIndex()).isEqualTo(41);
    assertThat(e).hasMessage("gene 41 (cell 2 kernel gene 0) = 7 is out of its bounds [0, 1]");
  }

  @Test
  void motifGeneOutOfBoundsNamesTheMotifRange() {
    Genome g = GenomeBuilder.of(SPACE).motif(5, 4).build();
    InvalidGenomeException e =
        catchThrowableOfType(InvalidGenomeException.class, () -> SPACE.validate(g));
    assertThat(e.geneIndex()).isEqualTo(100);
    assertThat(e)
        .hasMessageContaining("gene 100")
        .hasMessageContaining("cell 5 motif gene")
        .hasMessageContaining("= 4")
        .hasMessageContaining("[0, 3]");
  }

  @Test
  void macroGeneOutOfBoundsIsNamedAsSuch() {
    Genome g = GenomeBuilder.of(SPACE).macro(4).build();
    InvalidGenomeException e =
        catchThrowableOfType(InvalidGenomeException.class, () -> SPACE.validate(g));
    assertThat(e.geneIndex()).isEqualTo(120);
    assertThat(e).hasMessageContaining("gene 120 (macro gene) = 4").hasMessageContaining("[2, 3]");
  }

  @Test
  void reductionCellGenesAreStillBounded() {
    Genome g = GenomeBuilder.of(SPACE).gene(25, -1).build();
    InvalidGenomeException e =
        catchThrowableOfType(InvalidGenomeException.class, () -> SPACE.validate(g));
    assertThat(e.geneIndex()).isEqualTo(25);
    assertThat(e)
        .hasMessageContaining("gene 25 (cell 1 kernel gene 4) = -1")
        .hasMessageContaining("[0, 1]");
  }

  @Test
  void reportsTheFirstOffendingGene() {
    Genome g = GenomeBuilder.of(SPACE).gene(90, 2).gene(7, 3).macro(9).build();
    InvalidGenomeException e =
        catchThrowableOfType(InvalidGenomeException.class, () -> SPACE.validate(g));
    assertThat(e.geneIndex()).isEqualTo(7);
  }

  @Test
  void wrongLengthIsNotAboutOneGene() {
    Genome g = new Genome(SearchSpace.VERSION_1, new int[120]);
    InvalidGenomeException e =
        catchThrowableOfType(InvalidGenomeException.class, () -> SPACE.validate(g));
    assertThat(e.geneIndex()).isEqualTo(-1);
    assertThat(e).hasMessageContaining("must be 121").hasMessageContaining("was 120");
  }

  @Test
  void wrongVersionListsTheKnownVersions() {
    Genome g = new Genome("mse-v0", new int[121]);
    InvalidGenomeException e =
        catchThrowableOfType(InvalidGenomeException.class, () -> SPACE.validate(g));
    assertThat(e.geneIndex()).isEqualTo(-1);
    assertThat(e).hasMessageContaining("'mse-v0'").hasMessageContaining("[mse-v1]");
  }

  @Test
  void everyReaderValidatesFirst() {
    Genome g = GenomeBuilder.of(SPACE).gene(3, 2).build();
    assertThatThrownBy(() -> SPACE.decode(g)).isInstanceOf(InvalidGenomeException.class);
    assertThatThrownBy(() -> SPACE.canonical(g)).isInstanceOf(InvalidGenomeException.class);
    assertThatThrownBy(() -> SPACE.contentHash(g)).isInstanceOf(InvalidGenomeException.class);
    assertThatThrownBy(() -> SPACE.codingMask(g)).isInstanceOf(InvalidGenomeException.class);
  }

  @Test
  void exceptionRejectsAMeaninglessGeneIndex() {
    assertThatThrownBy(() -> new InvalidGenomeException("x", -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was -2");
  }
}
