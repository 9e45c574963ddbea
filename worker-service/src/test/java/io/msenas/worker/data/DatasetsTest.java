package io.msenas.worker.data;

import static io.msenas.worker.data.IdxFiles.gzip;
import static io.msenas.worker.data.IdxFiles.idx;
import static io.msenas.worker.data.IdxFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.model.genome.InputKind;
import io.msenas.worker.evaluation.FitnessData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

  @TempDir Path dir;

  @Test
  void shippedMnistSplitsEightThousandOneThousandOneThousandLikeTheFitness() {
    DatasetSplits mnist = Datasets.open("mnist", null, 4);
    MnistDataset digits = MnistDataset.shipped();

    assertThat(mnist.train().size()).isEqualTo(FitnessData.MNIST_TRAIN_SIZE).isEqualTo(8_000);
    assertThat(mnist.validation().size()).isEqualTo(1_000);
    assertThat(mnist.test().size()).isEqualTo(1_000);
    assertThat(mnist.geometry()).isEqualTo(new SampleGeometry(1, 32, 1));
    assertThat(mnist.inputKind()).isEqualTo(InputKind.STATIC_IMAGE);
    assertThat(mnist.trainingAugmentation()).isEqualTo(Augmentation.NONE);
    float[] expected = new float[32 * 32];
    digits.copyImage(8_000, 32, expected, 0);
    assertThat(mnist.validation().sample(0)).containsExactly(expected);
    assertThat(mnist.validation().label(0)).isEqualTo(digits.label(8_000));
    assertThat(mnist.test().label(999)).isEqualTo(digits.label(9_999));
  }

  @Test
  void mnistFromIdxFilesSetsTheLastTrainingRecordsAsideForValidation() {
    int[] pixels = new int[4 * 28 * 28];
    for (int i = 0; i < 4; i++) {
      pixels[i * 784] = 10 * (i + 1); // top-left pixel tells the record
    }
    write(dir, "train-images-idx3-ubyte.gz", gzip(idx(new int[] {4, 28, 28}, pixels)));
    write(dir, "train-labels-idx1-ubyte", idx(new int[] {4}, 3, 1, 4, 1));
    write(dir, "t10k-images-idx3-ubyte", idx(new int[] {1, 28, 28}, new int[784]));
    write(dir, "t10k-labels-idx1-ubyte.gz", gzip(idx(new int[] {1}, 5)));

    DatasetSplits mnist = Datasets.mnist(dir, 1);

    assertThat(DvsGestureDatasetTest.labels(mnist.train())).containsExactly(3, 1, 4);
    assertThat(DvsGestureDatasetTest.labels(mnist.validation())).containsExactly(1);
    assertThat(DvsGestureDatasetTest.labels(mnist.test())).containsExactly(5);
    // 28 x 28 centred in 32 x 32: the top-left digit pixel is at (2, 2)
    assertThat(mnist.validation().sample(0)[2 * 32 + 2]).isEqualTo(40 / 255f);
  }

  @Test
  void mnistImagesLargerThanThePaddedSizeFailAtOnceNamingTheFile() throws IOException {
    write(dir, "train-images-idx3-ubyte", idx(new int[] {2, 33, 28}, new int[2 * 33 * 28]));
    write(dir, "train-labels-idx1-ubyte", idx(new int[] {2}, 3, 1));
    write(dir, "t10k-images-idx3-ubyte", idx(new int[] {1, 28, 28}, new int[784]));
    write(dir, "t10k-labels-idx1-ubyte", idx(new int[] {1}, 5));

    assertThatThrownBy(() -> Datasets.mnist(dir, 1))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(
            dir.resolve("train-images-idx3-ubyte")
                + ": holds 33 x 28 images; MNIST images must be at most 32 x 32 (they are"
                + " zero-padded to that size)");

    write(dir, "train-images-idx3-ubyte", idx(new int[] {2, 28, 28}, new int[2 * 28 * 28]));
    write(dir, "t10k-images-idx3-ubyte.gz", gzip(idx(new int[] {1, 28, 40}, new int[28 * 40])));
    Files.delete(dir.resolve("t10k-images-idx3-ubyte"));
    assertThatThrownBy(() -> Datasets.open("mnist", dir, 1))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageStartingWith(
            dir.resolve("t10k-images-idx3-ubyte.gz") + ": holds 28 x 40 images");
  }

  @Test
  void mnistWithoutItsFilesNamesTheMissingOne() {
    assertThatThrownBy(() -> Datasets.open("mnist", dir, 1))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(dir.resolve("train-images-idx3-ubyte") + ": file not found");
  }

  @Test
  void namesAreCaseInsensitiveAndUnknownNamesListTheKnownOnes() {
    assertThat(DatasetId.fromName("CIFAR10-DVS")).isEqualTo(DatasetId.CIFAR10_DVS);
    assertThat(DatasetId.fromName(" dvs128-gesture ")).isEqualTo(DatasetId.DVS128_GESTURE);
    assertThatThrownBy(() -> DatasetId.fromName("imagenet"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown dataset 'imagenet'; known: mnist, cifar10, cifar100, dvs128-gesture,"
                + " cifar10-dvs");
  }

  @Test
  void eachDataSetDeclaresItsInputGeometry() {
    assertThat(DatasetId.MNIST.channels()).isEqualTo(1);
    assertThat(DatasetId.CIFAR100.classes()).isEqualTo(100);
    assertThat(DatasetId.CIFAR10.trainingAugmentation()).isEqualTo(Augmentation.CIFAR);
    assertThat(DatasetId.DVS128_GESTURE.inputKind()).isEqualTo(InputKind.EVENTS);
    assertThat(DatasetId.DVS128_GESTURE.classes()).isEqualTo(11);
    assertThat(DatasetId.CIFAR10_DVS.channels()).isEqualTo(2);
    assertThat(DatasetId.CIFAR10_DVS.inputSize()).isEqualTo(48);
  }

  @Test
  void onlyMnistShipsAndTimeStepsMustBePositive() {
    assertThatThrownBy(() -> Datasets.open("cifar10", null, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cifar10 does not ship with the worker; give the directory that holds its files");
    assertThatThrownBy(() -> Datasets.open("mnist", null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeSteps must be >= 1, was 0");
  }

  @Test
  void rejectsAFileGivenAsDirectory() {
    Path file = write(dir, "data_batch_1.bin", new byte[3073]);

    assertThatThrownBy(() -> Datasets.open("dvs128-gesture", file, 4))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(file + ": is not a directory");
  }

  @Test
  void splitsRejectBadIndicesAndSmallDestinations() {
    DatasetSplits mnist = Datasets.shippedMnist();

    assertThatThrownBy(() -> mnist.test().label(1_000))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("sample index must be in 0..999, was 1000");
    assertThatThrownBy(() -> mnist.train().copySample(0, new float[100], 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a sample of 1024 values at offset 0 does not fit in dst of length 100");
  }
}
