package io.msenas.worker.simulation;

import static io.msenas.worker.network.GenomeFixtures.SIX_CELLS;
import static io.msenas.worker.network.GenomeFixtures.build;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.msenas.worker.fitness.RdmAccumulator;
import io.msenas.worker.network.Phenotype;
import io.msenas.worker.runtime.NativeVariant;
import io.msenas.worker.runtime.Nd4jRuntime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

class PointwiseConvolutionTest {

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  @Test
  void theAvx512BuildKeepsOneDnnOtherBuildsMultiplyAndThePropertyOverrides() {
    assertThat(PointwiseConvolution.choose(null, NativeVariant.ONEDNN_AVX512))
        .isEqualTo(PointwiseConvolution.ONEDNN);
    assertThat(PointwiseConvolution.choose(" ", NativeVariant.ONEDNN_AVX2))
        .isEqualTo(PointwiseConvolution.GEMM);
    assertThat(PointwiseConvolution.choose(null, NativeVariant.ONEDNN))
        .isEqualTo(PointwiseConvolution.GEMM);
    assertThat(PointwiseConvolution.choose("gemm", NativeVariant.ONEDNN_AVX512))
        .isEqualTo(PointwiseConvolution.GEMM);
    assertThat(PointwiseConvolution.choose("OneDNN", NativeVariant.ONEDNN_AVX2))
        .isEqualTo(PointwiseConvolution.ONEDNN);
    assertThatThrownBy(() -> PointwiseConvolution.choose("blas", NativeVariant.ONEDNN_AVX2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(PointwiseConvolution.PROPERTY)
        .hasMessageContaining("'blas'");
  }

  @Test
  void onlyUnpaddedStrideOneKernelsOfOneArePlainProducts() {
    assertThat(PointwiseConvolution.applies(1, 1)).isTrue();
    assertThat(PointwiseConvolution.applies(1, 2)).isFalse();
    assertThat(PointwiseConvolution.applies(3, 1)).isFalse();
  }

  @Test
  void theProductEqualsTheConvolutionAndOverwritesTheOutputInPlace() {
    int n = 6;
    int size = 8;
    int in = 24;
    int out = 40;
    SplittableRandom random = new SplittableRandom(5);
    float[] spikes = new float[n * size * size * in];
    for (int i = 0; i < spikes.length; i++) {
      spikes[i] = random.nextDouble() < 0.3 ? 1f : 0f;
    }
    float[] kernel = new float[in * out];
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] = (float) random.nextGaussian();
    }
    INDArray input = Nd4j.create(spikes, new long[] {n, size, size, in}, DataType.FLOAT);
    INDArray weights = Nd4j.create(kernel, new long[] {1, 1, in, out}, DataType.FLOAT);
    INDArray expected = Nd4j.create(DataType.FLOAT, n, size, size, out);
    Nd4j.exec(
        new Conv2D(
            new INDArray[] {input, weights},
            new INDArray[] {expected},
            Conv2DConfig.builder()
                .kH(1)
                .kW(1)
                .sH(1)
                .sW(1)
                .pH(0)
                .pW(0)
                .dH(1)
                .dW(1)
                .paddingMode(PaddingMode.VALID)
                .dataFormat(Conv2DConfig.NHWC)
                .weightsFormat(WeightsFormat.YXIO)
                .build()));
    INDArray actual = Nd4j.create(DataType.FLOAT, n, size, size, out).assign(Float.NaN);

    PointwiseConvolution.multiply(input, weights, actual);

    float[] want = expected.data().asFloat();
    float[] got = actual.data().asFloat();
    assertThat(got).hasSameSizeAs(want);
    for (int i = 0; i < want.length; i++) {
      // sums of up to 24 Gaussian weights, added in another order
      assertThat(got[i]).as("output %d", i).isCloseTo(want[i], within(1e-5f));
    }
    // a direct check of one position: sample 2, pixel (3, 5), output channel 7
    int pixel = (2 * size + 3) * size + 5;
    double sum = 0;
    for (int c = 0; c < in; c++) {
      sum += spikes[pixel * in + c] * kernel[c * out + 7];
    }
    assertThat((double) got[pixel * out + 7]).isCloseTo(sum, within(1e-5));
  }

  @Test
  void aNetworkScoresAlikeEitherWayAndEachWayIsReproducible() {
    // factorized reduces and the cells' 1x1 preprocessing among every other kind of step
    Phenotype phenotype = build(SIX_CELLS, DeterminismTest.GENOME, 8, 2);
    int samples = 6;
    float[] images = new float[samples * 32 * 32];
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextDouble();
    }
    assertThat(phenotype.convolutions())
        .anyMatch(c -> PointwiseConvolution.applies(c.kernel(), c.stride()));
    try (NetworkWeights weights = NetworkWeights.initialise(phenotype, 3)) {
      double gemm = score(phenotype, weights, PointwiseConvolution.GEMM, images, samples);
      double oneDnn = score(phenotype, weights, PointwiseConvolution.ONEDNN, images, samples);

      assertThat(score(phenotype, weights, PointwiseConvolution.GEMM, images, samples))
          .isEqualTo(gemm);
      assertThat(score(phenotype, weights, PointwiseConvolution.ONEDNN, images, samples))
          .isEqualTo(oneDnn);
      assertThat(gemm).isPositive().isCloseTo(oneDnn, within(1e-3 * oneDnn));
    }
  }

  private static double score(
      Phenotype phenotype,
      NetworkWeights weights,
      PointwiseConvolution pointwise,
      float[] images,
      int samples) {
    RdmAccumulator accumulator = new RdmAccumulator(samples, 2);
    try (ForwardSimulator simulator =
        new ForwardSimulator(phenotype, weights, SimulationMemory.shared(), pointwise)) {
      simulator.run(images, samples, accumulator::onSpikes);
    }
    return accumulator.score();
  }
}
