package io.msenas.worker.fitness;

import static io.msenas.worker.fitness.HammingRdmTest.randomSpikes;
import static io.msenas.worker.fitness.HammingRdmTest.raster;
import static io.msenas.worker.fitness.PearsonRdmTest.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RsaLabels}: the Spearman correlation of the mean Hamming RDM with the label RDM over the
 * pairs above the diagonal, against a naive computation of both RDMs and of the correlation.
 */
class RsaLabelsTest {

  @Test
  void equalsTheNaiveSpearmanCorrelationOfTheHammingAndLabelRdms() {
    SplittableRandom random = new SplittableRandom(17);
    for (int trial = 0; trial < 6; trial++) {
      int samples = 3 + random.nextInt(14);
      int steps = 1 + random.nextInt(3);
      int[] labels = new int[samples];
      for (int i = 0; i < samples; i++) {
        labels[i] = random.nextInt(1 + trial % 4 + 1);
      }
      float[][][] a = randomSpikes(random, steps, samples, 5, 0.3); // small: many tied distances
      float[][][] b = randomSpikes(random, steps, samples, 70, 0.2);
      RsaLabels scorer = new RsaLabels(samples, steps, labels);
      scorer.onSpikes(group(0, 1, 5), raster(a, 5));
      scorer.onSpikes(group(1, 2, 70), raster(b, 70));

      BatchScore batch = scorer.finish();

      double[] rdm = new double[samples * samples];
      long[] da = sumOfDirect(a);
      long[] db = sumOfDirect(b);
      for (int i = 0; i < rdm.length; i++) {
        rdm[i] = (da[i] + 2.0 * db[i]) / (3.0 * steps);
      }
      int pairs = samples * (samples - 1) / 2;
      double[] network = new double[pairs];
      double[] label = new double[pairs];
      int k = 0;
      for (int i = 0; i < samples; i++) {
        for (int j = i + 1; j < samples; j++) {
          network[k] = rdm[i * samples + j];
          label[k++] = labels[i] == labels[j] ? 0 : 1;
        }
      }
      assertThat(batch.score())
          .as("trial %d", trial)
          .isCloseTo(SpearmanTest.naive(network, label), within(1e-9));
      assertThat(batch.rdm()).containsExactly(rdm, within(1e-9));
      assertThat(batch.widthNormalisedScore()).isNull();
    }
  }

  @Test
  void spikesThatFollowTheClassesScoreOne() {
    // samples of one class fire identically, classes fire on disjoint neurons: d = 0 within a
    // class, the same positive d across classes, so the network RDM ranks like the label RDM
    int[] labels = {0, 1, 0, 2, 1, 2};
    float[][][] spikes = new float[2][labels.length][30];
    for (int t = 0; t < 2; t++) {
      for (int i = 0; i < labels.length; i++) {
        for (int n = 0; n < 10; n++) {
          spikes[t][i][labels[i] * 10 + n] = 1;
        }
      }
    }
    RsaLabels scorer = new RsaLabels(labels.length, 2, labels);
    scorer.onSpikes(group(0, 1, 30), raster(spikes, 30));

    assertThat(scorer.finish().score()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void aSilentNetworkOrABatchOfOneClassScoresZero() {
    int[] mixed = {0, 1, 2, 1};
    RsaLabels silent = new RsaLabels(4, 2, mixed);
    silent.onSpikes(group(0, 1, 50), raster(new float[2][4][50], 50));
    RsaLabels oneClass = new RsaLabels(4, 2, new int[] {3, 3, 3, 3});
    oneClass.onSpikes(
        group(0, 1, 50), raster(randomSpikes(new SplittableRandom(1), 2, 4, 50, 0.3), 50));

    assertThat(silent.finish().score()).isZero();
    assertThat(oneClass.finish().score()).isZero();
  }

  @Test
  void needsOneLabelPerSample() {
    assertThatThrownBy(() -> new RsaLabels(3, 2, new int[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("labels must hold one label per sample (3), had 2");
  }

  private static long[] sumOfDirect(float[][][] spikes) {
    int samples = spikes[0].length;
    long[] sum = new long[samples * samples];
    for (float[][] step : spikes) {
      long[] d = HammingRdm.direct(step);
      for (int i = 0; i < d.length; i++) {
        sum[i] += d[i];
      }
    }
    return sum;
  }
}
