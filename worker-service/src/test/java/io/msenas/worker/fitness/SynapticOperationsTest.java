package io.msenas.worker.fitness;

import static io.msenas.worker.network.GenomeFixtures.SIX_CELLS;
import static io.msenas.worker.network.GenomeFixtures.SMOKE;
import static io.msenas.worker.network.GenomeFixtures.build;
import static io.msenas.worker.network.GenomeFixtures.cell;
import static io.msenas.worker.network.GenomeFixtures.genome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.msenas.worker.network.Phenotype;
import io.msenas.worker.network.Phenotype.Clamp;
import io.msenas.worker.network.Phenotype.Conv;
import io.msenas.worker.network.Phenotype.PixelView;
import io.msenas.worker.network.Phenotype.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link SynapticOperations}: per-dimension tap counts against closed forms, and whole networks
 * against a naive count that visits every output pixel and kernel tap.
 */
class SynapticOperationsTest {

  @Test
  void tapsAlongOneDimensionMatchTheClosedForms() {
    for (int h : new int[] {2, 4, 8, 16, 32}) {
      assertThat(SynapticOperations.taps(h, h, conv(1, 1))).as("1x1, %d", h).isEqualTo(h);
      assertThat(SynapticOperations.taps(h, h, conv(3, 1))).as("3x3, %d", h).isEqualTo(3L * h - 2);
      if (h >= 4) {
        assertThat(SynapticOperations.taps(h, h, conv(5, 1)))
            .as("5x5, %d", h)
            .isEqualTo(5L * h - 6);
      }
      // 3x3 stride 2, padding 1: h/2 outputs, the first misses one tap above the input
      assertThat(SynapticOperations.taps(h, h / 2, conv(3, 2)))
          .as("3x3/2, %d", h)
          .isEqualTo(3L * h / 2 - 1);
    }
  }

  @Test
  void networksCountTheirSynapsesAsANaiveVisitOfEveryTapDoes() {
    Phenotype[] networks = {
      build(SMOKE, genome(SMOKE, 3, cell(0, 2, 0, 1, 0, 0, 1, 0)), 8, 2),
      build(SMOKE, genome(SMOKE, 2, cell(0, 3, 1, 0, 1, 1, 0, 1)), 8, 3),
      build(
          SIX_CELLS,
          genome(SIX_CELLS, 3, cell(0, 3, 1, 1, 0, 1, 0, 1), cell(2, 1, 0, 1), cell(5, 2, 1)),
          16,
          4),
    };
    SplittableRandom random = new SplittableRandom(6);
    for (Phenotype network : networks) {
      double[] rates = new double[network.spikeGroups().size()];
      for (int g = 0; g < rates.length; g++) {
        rates[g] = random.nextDouble(0, 0.5);
      }

      double expected = naive(network, rates);

      assertThat(SynapticOperations.perSample(network, rates))
          .isCloseTo(expected, within(1e-9 * expected));
      // never more than the dense count of every multiply-accumulate
      double dense = 0;
      for (Conv c : network.convolutions()) {
        Shape out = network.nodes().get(c.target()).shape();
        dense +=
            rates[c.spikes()]
                * out.pixels()
                * c.outChannels()
                * c.inChannels()
                * c.kernel()
                * c.kernel();
      }
      assertThat(SynapticOperations.perSample(network, rates))
          .isLessThanOrEqualTo(
              network.spec().timeSteps()
                  * (dense
                      + rates[network.headSpikes()]
                          * network.spikeGroups().get(network.headSpikes()).shape().size()
                          * network.spec().classes()));
    }
  }

  @Test
  void aSilentNetworkDoesNoSynapticOperations() {
    Phenotype network = build(SMOKE, genome(SMOKE, 3, cell(0, 1, 0, 0, 0, 0)), 8, 2);

    assertThat(SynapticOperations.perSample(network, new double[network.spikeGroups().size()]))
        .isZero();
  }

  @Test
  void needsOneRatePerSpikeGroup() {
    Phenotype network = build(SMOKE, genome(SMOKE, 3, cell(0, 1, 0, 0, 0, 0)), 8, 2);
    int groups = network.spikeGroups().size();

    assertThatThrownBy(() -> SynapticOperations.perSample(network, new double[groups + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("one rate per spike group (" + groups + ") is needed, had " + (groups + 1));
  }

  /**
   * T * (sum over convolutions of rate * visited (output, tap) pairs inside the input * channels in
   * * channels out, plus the head's neurons * classes * rate).
   */
  private static double naive(Phenotype network, double[] rates) {
    double perStep = 0;
    for (Conv c : network.convolutions()) {
      Shape in = network.spikeGroups().get(c.spikes()).shape();
      int inH = c.view() == PixelView.FULL ? in.height() : in.height() / 2;
      int inW = c.view() == PixelView.FULL ? in.width() : in.width() / 2;
      Shape out = network.nodes().get(c.target()).shape();
      long inside = 0;
      for (int y = 0; y < out.height(); y++) {
        for (int x = 0; x < out.width(); x++) {
          for (int dy = 0; dy < c.kernel(); dy++) {
            for (int dx = 0; dx < c.kernel(); dx++) {
              int iy = y * c.stride() - c.padding() + dy;
              int ix = x * c.stride() - c.padding() + dx;
              if (iy >= 0 && iy < inH && ix >= 0 && ix < inW) {
                inside++;
              }
            }
          }
        }
      }
      perStep += rates[c.spikes()] * inside * c.inChannels() * c.outChannels();
    }
    Shape head = network.spikeGroups().get(network.headSpikes()).shape();
    perStep += rates[network.headSpikes()] * head.size() * network.spec().classes();
    return network.spec().timeSteps() * perStep;
  }

  private static Conv conv(int kernel, int stride) {
    return new Conv(0, "c", 0, PixelView.FULL, kernel, stride, 1, 1, Clamp.NONE, 0, 0, true);
  }
}
