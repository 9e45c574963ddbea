package io.msenas.worker.data;

import static io.msenas.worker.data.CifarDatasetTest.mkdirs;
import static io.msenas.worker.data.DvsGestureDatasetTest.labels;
import static io.msenas.worker.data.EventFiles.aedat20;
import static io.msenas.worker.data.EventFiles.ascii;
import static io.msenas.worker.data.EventFiles.dvs128Address;
import static io.msenas.worker.data.EventFramesTest.channelSum;
import static io.msenas.worker.data.IdxFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.model.genome.InputKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10DvsDatasetTest {

  private static final double MASS = 9 / 64.0; // one event's sum after the 128 -> 48 area resize

  @TempDir Path dir;

  /**
   * Writes {@code files} recordings per class; file k of class c holds k + 1 ON events at pixel (x
   * c, y 0) and one OFF event, so a sample's frames tell which file it came from.
   */
  private void writeClasses(int files) {
    for (int c = 0; c < 10; c++) {
      String name = Cifar10DvsDataset.CLASS_NAMES.get(c);
      Path folder = mkdirs(dir.resolve(name));
      for (int k = 0; k < files; k++) {
        int[] addresses = new int[k + 2];
        int[] timestamps = new int[k + 2];
        for (int e = 0; e <= k; e++) {
          addresses[e] = dvs128Address(c, 0, 1);
          timestamps[e] = e;
        }
        addresses[k + 1] = dvs128Address(c, 0, 0);
        timestamps[k + 1] = k + 1;
        write(folder, "cifar10_" + name + "_" + k + ".aedat", aedat20(addresses, timestamps));
      }
    }
  }

  @Test
  void splitsEachClassNineToOneInNaturalFileOrder() {
    writeClasses(12);

    DatasetSplits dvs = Datasets.open("cifar10-dvs", dir, 1);

    // 12 files per class: floor(108 / 10) = 10 train, of which floor(10 / 9) = 1 validates; 2 test
    assertThat(dvs.train().size()).isEqualTo(90);
    assertThat(dvs.validation().size()).isEqualTo(10);
    assertThat(dvs.test().size()).isEqualTo(20);
    assertThat(dvs.train().classCounts(10)).containsOnly(9);
    assertThat(dvs.test().classCounts(10)).containsOnly(2);
    // natural order: files 0..8 train, 9 validates, 10 and 11 test (plain string order would
    // have put 10 and 11 right after 1)
    assertThat(onEvents(dvs.train().sample(0))).isEqualTo(1);
    assertThat(onEvents(dvs.train().sample(8))).isEqualTo(9);
    assertThat(onEvents(dvs.validation().sample(0))).isEqualTo(10);
    assertThat(onEvents(dvs.test().sample(0))).isEqualTo(11);
    assertThat(onEvents(dvs.test().sample(1))).isEqualTo(12);
    assertThat(labels(dvs.test()))
        .containsExactly(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9);
    assertThat(dvs.inputKind()).isEqualTo(InputKind.EVENTS);
    assertThat(dvs.geometry()).isEqualTo(new SampleGeometry(1, 48, 2));
  }

  @Test
  void theFullSetSplitsEightHundredOneHundredOneHundredPerClass() {
    assertThat(Cifar10DvsDataset.splitEnds(1000)).containsExactly(800, 900);
    assertThat(Cifar10DvsDataset.splitEnds(12)).containsExactly(9, 10);
    assertThat(Cifar10DvsDataset.splitEnds(10)).containsExactly(8, 9);
    assertThat(Cifar10DvsDataset.splitEnds(5)).containsExactly(4, 4);
    assertThat(Cifar10DvsDataset.splitEnds(1)).containsExactly(0, 0);
  }

  @Test
  void samplesAreFramedByEventCount() {
    writeClasses(3);
    DatasetSplits dvs = Datasets.open("cifar10-dvs", dir, 2);

    // class 3 (cat), file 1: ON ON | OFF at pixel (3, 0): frames of 1 and 2 events
    float[] frames = dvs.train().sample(3 * 2 + 1);

    assertThat(dvs.train().label(7)).isEqualTo(3);
    assertThat(channelSum(frames, 0, 1)).isEqualTo(MASS);
    assertThat(channelSum(frames, 0, 0)).isZero();
    assertThat(channelSum(frames, 1, 1)).isEqualTo(MASS);
    assertThat(channelSum(frames, 1, 0)).isEqualTo(MASS);
    // pixel (x 3, y 0): row 0 weight 3/8, x = 3 lies wholly in output column 1: weight 3/8
    assertThat(frames[EventFramesTest.nhwc(1, 0, 1, 0)]).isEqualTo(9 / 64f);
  }

  @Test
  void aDamagedRecordingFailsWhenItsSampleIsRead() {
    writeClasses(3);
    Path bad = write(dir.resolve("dog"), "cifar10_dog_0.aedat", ascii("#!AER-DAT2.0\r\n\0\0\0"));
    DatasetSplits dvs = Datasets.open("cifar10-dvs", dir, 2);

    assertThatThrownBy(() -> dvs.train().sample(5 * 2))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageStartingWith(bad.toString())
        .hasMessageContaining("event 0 at byte 14 is truncated");
  }

  @Test
  void rejectsAMissingClassFolder() throws IOException {
    writeClasses(2);
    for (int k = 0; k < 2; k++) {
      Files.delete(dir.resolve("horse").resolve("cifar10_horse_" + k + ".aedat"));
    }
    Files.delete(dir.resolve("horse"));

    assertThatThrownBy(() -> Datasets.open("cifar10-dvs", dir, 2))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageStartingWith(dir.resolve("horse") + ": class folder not found")
        .hasMessageContaining("airplane, automobile, bird");
  }

  @Test
  void rejectsAnEmptyClassFolder() throws IOException {
    writeClasses(2);
    for (int k = 0; k < 2; k++) {
      Files.delete(dir.resolve("ship").resolve("cifar10_ship_" + k + ".aedat"));
    }

    assertThatThrownBy(() -> Datasets.open("cifar10-dvs", dir, 2))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(dir.resolve("ship") + ": holds no .aedat files");
  }

  @Test
  void rejectsAMissingDirectory() {
    assertThatThrownBy(() -> Datasets.open("cifar10-dvs", dir.resolve("none"), 2))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(dir.resolve("none") + ": directory not found");
  }

  private static long onEvents(float[] frames) {
    return Math.round(channelSum(frames, 0, 1) / MASS);
  }
}
