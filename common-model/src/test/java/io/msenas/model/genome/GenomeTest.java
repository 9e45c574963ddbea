package io.msenas.model.genome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class GenomeTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void copiesTheArrayInAndOut() {
    int[] genes = {1, 0, 1};
    Genome g = new Genome("mse-v1", genes);
    genes[0] = 9;
    assertThat(g.gene(0)).isEqualTo(1);
    g.genes()[1] = 9;
    assertThat(g.gene(1)).isZero();
    assertThat(g.length()).isEqualTo(3);
  }

  @Test
  void comparesByContent() {
    Genome a = new Genome("mse-v1", new int[] {1, 2, 3});
    Genome b = new Genome("mse-v1", new int[] {1, 2, 3});
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new Genome("mse-v1", new int[] {1, 2, 4}));
    assertThat(a).isNotEqualTo(new Genome("mse-v2", new int[] {1, 2, 3}));
    assertThat(a).hasToString("Genome[searchSpaceVersion=mse-v1, genes=[1, 2, 3]]");
  }

  @Test
  void readsAndWritesTheDocumentedJson() {
    Genome g = new Genome("mse-v1", new int[] {3, 0, 1, 2});
    String text = json.writeValueAsString(g);
    assertThat(json.readTree(text))
        .isEqualTo(json.readTree("{\"searchSpaceVersion\":\"mse-v1\",\"genes\":[3,0,1,2]}"));
    assertThat(json.readValue(text, Genome.class)).isEqualTo(g);
  }

  @Test
  void rejectsMissingParts() {
    assertThatThrownBy(() -> new Genome(" ", new int[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was ' '");
    assertThatThrownBy(() -> new Genome("mse-v1", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Genome("mse-v1", new int[2]).gene(2))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
