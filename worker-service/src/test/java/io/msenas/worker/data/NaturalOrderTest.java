package io.msenas.worker.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

  @Test
  void ordersNumbersByValue() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "cifar10_cat_10.aedat",
                "cifar10_cat_2.aedat",
                "cifar10_cat_100.aedat",
                "cifar10_cat_1.aedat",
                "cifar10_cat_02.aedat",
                "cifar10_cat_0.aedat",
                "cifar10_bird_5.aedat"));

    names.sort(NaturalOrder.INSTANCE);

    assertThat(names)
        .containsExactly(
            "cifar10_bird_5.aedat",
            "cifar10_cat_0.aedat",
            "cifar10_cat_1.aedat",
            "cifar10_cat_02.aedat",
            "cifar10_cat_2.aedat",
            "cifar10_cat_10.aedat",
            "cifar10_cat_100.aedat");
  }

  @Test
  void isConsistentWithEquals() {
    assertThat(NaturalOrder.INSTANCE.compare("a01", "a1")).isNotZero();
    assertThat(NaturalOrder.INSTANCE.compare("a1", "a1")).isZero();
    assertThat(NaturalOrder.INSTANCE.compare("a", "a1")).isNegative();
  }
}
