package io.msenas.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guards the bundled MNIST files: their shape, class balance, record order and content. */
class ShippedMnistTest {

  // the label counts of the first 10,000 images of the MNIST training set
  private static final int[] CLASS_COUNTS = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};
  private static final int N = 10_000;

  // printed by tools/mnist-to-idx/convert.mjs; a change means the shipped images changed
  private static final String SHA256_RECORD_0 =
      "2d1c3087ac5f2bed7c4d54a1b33bf75d09f479ee63c0df2e0a4378f6e7e9ae66";
  private static final String SHA256_RECORD_9999 =
      "1348fa0d2b418d398e7e84d42f7912c26edcbb4f29851e0c54bcee75b3a62378";

  private final MnistDataset data = MnistDataset.shipped();

  @Test
  void isLoadedOnceAndShared() {
    assertThat(MnistDataset.shipped()).isSameAs(data);
  }

  @Test
  void hasTenThousand28By28ImagesWithMnistClassCounts() {
    assertThat(data.size()).isEqualTo(N);
    assertThat(data.rows()).isEqualTo(28);
    assertThat(data.cols()).isEqualTo(28);
    assertThat(data.classCounts()).containsExactly(CLASS_COUNTS);
  }

  @Test
  void recordsFollowTheDocumentedStratifiedOrder() {
    // image j of a class with n images has key j/n; records sorted by key, ties by digit
    List<int[]> keys = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      for (int j = 0; j < CLASS_COUNTS[d]; j++) {
        keys.add(new int[] {d, j});
      }
    }
    keys.sort(
        (a, b) -> {
          long lhs = (long) a[1] * CLASS_COUNTS[b[0]];
          long rhs = (long) b[1] * CLASS_COUNTS[a[0]];
          return lhs != rhs ? Long.compare(lhs, rhs) : Integer.compare(a[0], b[0]);
        });
    for (int i = 0; i < N; i++) {
      assertThat(data.label(i)).as("label of record %d", i).isEqualTo(keys.get(i)[0]);
    }
    for (int i = 0; i < 10; i++) {
      assertThat(data.label(i)).isEqualTo(i);
    }
  }

  @Test
  void everySplitKeepsTheClassProportionsWithinOneImage() {
    int[][] slices = {{0, 1_000}, {0, 8_000}, {8_000, 9_000}, {9_000, 10_000}};
    for (int[] slice : slices) {
      int[] counts = new int[10];
      for (int i = slice[0]; i < slice[1]; i++) {
        counts[data.label(i)]++;
      }
      int length = slice[1] - slice[0];
      for (int d = 0; d < 10; d++) {
        double proportional = (double) length * CLASS_COUNTS[d] / N;
        assertThat((double) counts[d])
            .as("digit %d in records %d..%d", d, slice[0], slice[1] - 1)
            .isCloseTo(proportional, within(1.0));
      }
    }
  }

  @Test
  void pixelsSpanTheByteRangeWithMnistLikeMean() {
    int min = 255;
    int max = 0;
    long sum = 0;
    for (int i = 0; i < N; i++) {
      for (int r = 0; r < 28; r++) {
        for (int c = 0; c < 28; c++) {
          int p = data.pixel(i, r, c);
          min = Math.min(min, p);
          max = Math.max(max, p);
          sum += p;
        }
      }
    }
    assertThat(min).isZero();
    assertThat(max).isEqualTo(255);
    // real MNIST averages about 0.13 on [0, 1]
    assertThat(sum / 255.0 / N / 784).isBetween(0.10, 0.16);
  }

  @Test
  void spotImagesMatchTheConvertedBytes() throws NoSuchAlgorithmException {
    assertThat(sha256OfRecord(0)).isEqualTo(SHA256_RECORD_0);
    assertThat(sha256OfRecord(N - 1)).isEqualTo(SHA256_RECORD_9999);
    assertThat(data.label(0)).isZero();
    assertThat(data.label(N - 1)).isEqualTo(1);
  }

  @Test
  void paddingTo32LeavesATwoPixelZeroBorder() {
    float[] batch = data.batchNchw(new int[] {0, 1, 9_999}, 32);

    assertThat(batch).hasSize(3 * 32 * 32);
    for (int b = 0; b < 3; b++) {
      double inner = 0;
      for (int r = 0; r < 32; r++) {
        for (int c = 0; c < 32; c++) {
          float v = batch[b * 1024 + r * 32 + c];
          if (r < 2 || r >= 30 || c < 2 || c >= 30) {
            assertThat(v).as("border (%d, %d) of image %d", r, c, b).isZero();
          } else {
            assertThat(v).isEqualTo(data.pixel(b == 2 ? 9_999 : b, r - 2, c - 2) / 255f);
            inner += v;
          }
        }
      }
      assertThat(inner).as("image %d has ink", b).isPositive();
    }
  }

  private String sha256OfRecord(int i) throws NoSuchAlgorithmException {
    byte[] bytes = new byte[28 * 28];
    for (int r = 0; r < 28; r++) {
      for (int c = 0; c < 28; c++) {
        bytes[r * 28 + c] = (byte) data.pixel(i, r, c);
      }
    }
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
