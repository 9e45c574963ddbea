package io.msenas.worker.service.training;

import static io.msenas.worker.data.EventFiles.aedat20;
import static io.msenas.worker.data.EventFiles.aedat31;
import static io.msenas.worker.data.EventFiles.ascii;
import static io.msenas.worker.data.EventFiles.dvs128Address;
import static io.msenas.worker.data.EventFiles.polarityPacket;
import static io.msenas.worker.data.IdxFiles.idx;
import static io.msenas.worker.data.IdxFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.msenas.model.genome.InputKind;
import io.msenas.model.genome.SearchSpace;
import io.msenas.worker.data.Augmentation;
import io.msenas.worker.data.CifarFiles;
import io.msenas.worker.data.DatasetFormatException;
import io.msenas.worker.data.EventFiles;
import io.msenas.worker.data.EventFiles.Event;
import io.msenas.worker.data.SampleGeometry;
import io.msenas.worker.network.GenomeFixtures;
import io.msenas.worker.network.NetworkSpec;
import io.msenas.worker.runtime.Nd4jRuntime;
import io.msenas.worker.training.Architecture;
import io.msenas.worker.training.EpochProgress;
import io.msenas.worker.training.InputShape;
import io.msenas.worker.training.SampleSet;
import io.msenas.worker.training.SampleTransform;
import io.msenas.worker.training.TrainingData;
import io.msenas.worker.training.TrainingOptions;
import io.msenas.worker.training.TrainingResult;
import io.msenas.worker.training.TrainingRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The training side of the real-format loaders: small files in each format under a data root,
 * opened by name as a training opens them, read back through the trainer's {@link SampleSet}.
 */
class TrainingDataSourceTest {

  /** One event's value after the 128 -> 48 area resize, at a sensor pixel wholly inside one. */
  private static final float MASS = 9 / 64f;

  /** The CIFAR loaders always set 5,000 training records aside for validation. */
  private static final int CIFAR_VALIDATION = 5_000;

  @TempDir static Path sharedTmp;

  /** Holds cifar10 and cifar100 once: each needs over 5,000 records (15 MB), too many to repeat. */
  private static Path cifarRoot;

  @TempDir Path tmp;

  /** A data root of this test's own (whatever the temp directory scope, nothing else writes it). */
  private Path root;

  @BeforeEach
  void newRoot() throws IOException {
    root = Files.createTempDirectory(tmp, "data-root");
  }

  @BeforeAll
  static void writeCifar() throws IOException {
    Nd4jRuntime.initialise();
    cifarRoot = Files.createTempDirectory(sharedTmp, "cifar-root");
    // cifar10: ids 0..7 in batches 1-4 (two each), batch 5 ids 8, 9 then the validation records
    Path ten = mkdirs(cifarRoot.resolve("cifar10"));
    for (int b = 1; b <= 4; b++) {
      int first = 2 * (b - 1);
      write(
          ten,
          "data_batch_" + b + ".bin",
          EventFiles.concat(cifar10Record(first), cifar10Record(first + 1)));
    }
    ByteArrayOutputStream last = new ByteArrayOutputStream();
    for (int id = 8; id < 10 + CIFAR_VALIDATION; id++) {
      last.writeBytes(cifar10Record(id));
    }
    write(ten, "data_batch_5.bin", last.toByteArray());
    write(
        ten,
        "test_batch.bin",
        EventFiles.concat(cifar10Record(40), cifar10Record(41), cifar10Record(42)));
    // cifar100 in its extracted folder: records (coarse id % 20, fine id % 100)
    Path hundred = mkdirs(cifarRoot.resolve("cifar100").resolve("cifar-100-binary"));
    ByteArrayOutputStream train = new ByteArrayOutputStream();
    for (int id = 0; id < 3 + CIFAR_VALIDATION; id++) {
      train.writeBytes(CifarFiles.record(id, id % 20, (id * 37) % 100));
    }
    write(hundred, "train.bin", train.toByteArray());
    write(
        hundred,
        "test.bin",
        EventFiles.concat(CifarFiles.record(70, 3, 99), CifarFiles.record(71, 4, 0)));
  }

  /** A CIFAR-10 record of image {@code id}, labelled {@code id % 10}. */
  private static byte[] cifar10Record(int id) {
    return CifarFiles.record(id, id % 10);
  }

  @Test
  void cifar10IsOneRgbFramePerSampleWithItsPixelsAndLabels() {
    TrainingData data = new TrainingDataSource(cifarRoot).open("cifar10", 4, 0);

    assertThat(data.name()).isEqualTo("cifar10");
    assertThat(data.shape()).isEqualTo(InputShape.image(32, 32, 3));
    assertThat(data.inputKind()).isEqualTo(InputKind.STATIC_IMAGE);
    assertThat(data.classes()).isEqualTo(10);
    assertThat(data.train().size()).isEqualTo(10);
    assertThat(data.validation().size()).isEqualTo(CIFAR_VALIDATION);
    assertThat(data.test().size()).isEqualTo(3);
    assertThat(labels(data.train())).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(data.validation().label(0)).isEqualTo(0); // id 10
    assertThat(data.validation().label(CIFAR_VALIDATION - 1))
        .isEqualTo((CIFAR_VALIDATION + 9) % 10);
    assertThat(labels(data.test())).containsExactly(0, 1, 2);
    assertImageIs(data.train(), 5, 5);
    assertImageIs(data.train(), 9, 9);
    assertImageIs(data.validation(), 0, 10);
    assertImageIs(data.test(), 2, 42);
  }

  @Test
  void cifar100UsesTheFineLabelsOfItsExtractedFolder() {
    TrainingData data = new TrainingDataSource(cifarRoot).open("cifar100", 4, 0);

    assertThat(data.name()).isEqualTo("cifar100");
    assertThat(data.shape()).isEqualTo(InputShape.image(32, 32, 3));
    assertThat(data.classes()).isEqualTo(100);
    assertThat(data.train().size()).isEqualTo(3);
    assertThat(data.validation().size()).isEqualTo(CIFAR_VALIDATION);
    assertThat(data.test().size()).isEqualTo(2);
    assertThat(labels(data.train())).containsExactly(0, 37, 74);
    assertThat(labels(data.test())).containsExactly(99, 0);
    assertImageIs(data.train(), 2, 2);
    assertImageIs(data.test(), 1, 71);
  }

  @Test
  void trainSamplesCutsOnlyTheTrainingSplit() {
    TrainingData data = new TrainingDataSource(cifarRoot).open("cifar10", 4, 4);

    assertThat(labels(data.train())).containsExactly(0, 1, 2, 3);
    assertThat(data.validation().size()).isEqualTo(CIFAR_VALIDATION);
    assertThat(data.test().size()).isEqualTo(3);
    assertImageIs(data.train(), 3, 3);
  }

  @Test
  void cifarTrainingSamplesGetTheCropAndFlipOfSectionSix() {
    TrainingData data = new TrainingDataSource(cifarRoot).open("cifar10", 4, 0);
    SampleGeometry geometry = new SampleGeometry(1, 32, 3);

    for (long seed = 0; seed < 8; seed++) {
      float[] original = sample(data.train(), data.shape(), 7);
      float[] expected = new float[original.length];
      Augmentation.CIFAR.apply(original, 0, geometry, new SplittableRandom(seed), expected, 0);
      // in place, at an offset, as the batch assembler calls it
      float[] actual = new float[original.length + 5];
      System.arraycopy(original, 0, actual, 5, original.length);
      data.augmentation().apply(actual, 5, data.shape(), new SplittableRandom(seed));

      assertThat(Arrays.copyOfRange(actual, 5, actual.length)).containsExactly(expected);
    }
  }

  @Test
  void dvsGestureIsTPolarityFramesOfEachLabelledInterval() {
    writeGestures(root.resolve("dvs128-gesture"));

    TrainingData data = new TrainingDataSource(root).open("dvs128-gesture", 2, 0);

    assertThat(data.name()).isEqualTo("dvs128-gesture");
    assertThat(data.shape()).isEqualTo(new InputShape(48, 48, 2, 2));
    assertThat(data.shape().sampleLength()).isEqualTo(2 * 48 * 48 * 2);
    assertThat(data.inputKind()).isEqualTo(InputKind.EVENTS);
    assertThat(data.classes()).isEqualTo(11);
    // users 1-23 train, of which 22 and 23 validate; user 24 tests
    assertThat(labels(data.train())).containsExactly(0, 1, 2, 3);
    assertThat(labels(data.validation())).containsExactly(4, 5);
    assertThat(labels(data.test())).containsExactly(10, 9);
    // gesture k: k + 1 ON events at sensor (0, 0), then 2 OFF at (127, 127); split by count
    assertFrames(data.train(), data.shape(), 0, new int[][] {{0, 1}, {2, 0}}); // ON | OFF OFF
    assertFrames(data.train(), data.shape(), 1, new int[][] {{0, 2}, {2, 0}}); // ON ON | OFF OFF
    assertFrames(data.train(), data.shape(), 2, new int[][] {{0, 2}, {2, 1}}); // ON ON | ON OFF OFF
    assertFrames(data.test(), data.shape(), 1, new int[][] {{0, 2}, {2, 0}}); // ON ON | OFF OFF
  }

  @Test
  void cifar10DvsIsTPolarityFramesPerRecording() {
    writeCifar10Dvs(root.resolve("cifar10-dvs"), 10);

    TrainingData data = new TrainingDataSource(root).open("cifar10-dvs", 2, 0);

    assertThat(data.name()).isEqualTo("cifar10-dvs");
    assertThat(data.shape()).isEqualTo(new InputShape(48, 48, 2, 2));
    assertThat(data.classes()).isEqualTo(10);
    // 10 files per class: 8 train, 1 validates, 1 tests
    assertThat(data.train().size()).isEqualTo(80);
    assertThat(data.validation().size()).isEqualTo(10);
    assertThat(data.test().size()).isEqualTo(10);
    assertThat(data.train().label(8 * 3 + 1)).isEqualTo(3);
    assertThat(labels(data.validation())).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    // file k: k + 1 ON events at (0, 0), then 1 OFF at (127, 127)
    assertFrames(data.train(), data.shape(), 8 * 3 + 1, new int[][] {{0, 1}, {1, 1}});
    assertFrames(data.validation(), data.shape(), 2, new int[][] {{0, 5}, {1, 4}});
    assertFrames(data.test(), data.shape(), 9, new int[][] {{0, 5}, {1, 5}});
    // the same T = 1 frame: every event in it
    TrainingData one = new TrainingDataSource(root).open("cifar10-dvs", 1, 0);
    assertThat(one.shape()).isEqualTo(new InputShape(48, 48, 2, 1));
    assertThat(one.inputKind()).isEqualTo(InputKind.EVENTS);
    assertFrames(one.test(), one.shape(), 9, new int[][] {{1, 10}});
  }

  @Test
  void eventTrainingSamplesGetTheSameCropOnEveryFrameAndNoFlip() {
    writeCifar10Dvs(root.resolve("cifar10-dvs"), 10);
    TrainingData data = new TrainingDataSource(root).open("cifar10-dvs", 3, 0);
    SampleGeometry geometry = new SampleGeometry(3, 48, 2);

    for (long seed = 0; seed < 8; seed++) {
      float[] original = sample(data.train(), data.shape(), 15);
      float[] expected = new float[original.length];
      Augmentation.EVENTS.apply(original, 0, geometry, new SplittableRandom(seed), expected, 0);
      float[] actual = original.clone();
      data.augmentation().apply(actual, 0, data.shape(), new SplittableRandom(seed));

      assertThat(actual).containsExactly(expected);
    }
  }

  @Test
  void mnistIsTheShippedDigitsWithoutAFolderAndTheIdxFilesWithOne() {
    TrainingData shipped = new TrainingDataSource(root).open("mnist", 4, 0);
    assertThat(shipped.train().size()).isEqualTo(TrainingData.MNIST_TRAIN_END);
    assertThat(shipped.augmentation()).isSameAs(SampleTransform.NONE);

    Path folder = mkdirs(root.resolve("mnist"));
    int records = 2 + 5_000;
    int[] pixels = new int[records * 784];
    pixels[0] = 51; // top-left of record 0
    pixels[784 + 783] = 255; // bottom-right of record 1
    int[] labels = IntStream.range(0, records).map(i -> (i + 3) % 10).toArray();
    write(folder, "train-images-idx3-ubyte", idx(new int[] {records, 28, 28}, pixels));
    write(folder, "train-labels-idx1-ubyte", idx(new int[] {records}, labels));
    write(folder, "t10k-images-idx3-ubyte", idx(new int[] {1, 28, 28}, new int[784]));
    write(folder, "t10k-labels-idx1-ubyte", idx(new int[] {1}, 9));

    TrainingData data = new TrainingDataSource(root).open("mnist", 4, 0);

    assertThat(data.name()).isEqualTo("mnist");
    assertThat(data.shape()).isEqualTo(InputShape.image(32, 32, 1));
    assertThat(data.classes()).isEqualTo(10);
    assertThat(labels(data.train())).containsExactly(3, 4);
    assertThat(data.validation().size()).isEqualTo(5_000);
    assertThat(labels(data.test())).containsExactly(9);
    // 28 x 28 centred in 32 x 32
    float[] first = sample(data.train(), data.shape(), 0);
    assertThat(first[2 * 32 + 2]).isEqualTo(51 / 255f);
    assertThat(sum(first)).isEqualTo(51 / 255f, within(1e-6));
    assertThat(sample(data.train(), data.shape(), 1)[29 * 32 + 29]).isEqualTo(1f);
    assertThat(data.augmentation()).isSameAs(SampleTransform.NONE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cifar10", "cifar100", "dvs128-gesture", "cifar10-dvs"})
  void aMissingFolderIsNamed(String name) {
    Path folder = root.resolve(name);

    assertThatThrownBy(() -> new TrainingDataSource(root).open(name, 2, 0))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessage(folder + ": directory not found")
        .satisfies(e -> assertThat(((DatasetFormatException) e).fileName()).isEqualTo(folder + ""));
  }

  @Test
  void aTruncatedCifarFileIsNamed() {
    Path folder = mkdirs(root.resolve("cifar10"));
    for (int b = 1; b <= 5; b++) {
      write(folder, "data_batch_" + b + ".bin", cifar10Record(b));
    }
    Path truncated =
        write(
            folder,
            "data_batch_3.bin",
            EventFiles.concat(cifar10Record(3), new byte[CifarFiles.CIFAR10_RECORD - 1]));
    write(folder, "test_batch.bin", cifar10Record(0));

    assertThatThrownBy(() -> new TrainingDataSource(root).open("cifar10", 2, 0))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageStartingWith(truncated + ": record 1 is truncated")
        .satisfies(
            e -> assertThat(((DatasetFormatException) e).fileName()).isEqualTo(truncated + ""));
  }

  @Test
  void anUnknownNameIsAnInvalidTaskNotInvalidData() {
    assertThatThrownBy(() -> new TrainingDataSource(root).open("imagenet", 2, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown dataset 'imagenet'");
  }

  @Test
  void oneEpochTrainsOnGeneratedCifar10() {
    TrainingData opened = new TrainingDataSource(cifarRoot).open("cifar10", 2, 0);
    // scoring all 5,000 validation records takes a minute on two cores: validate on 20 of them
    TrainingData data =
        new TrainingData(
            opened.name(),
            opened.shape(),
            opened.classes(),
            opened.train(),
            new First(opened.validation(), 20),
            opened.test(),
            opened.augmentation());
    Architecture architecture =
        tiny(GenomeFixtures.SMOKE, 0, new NetworkSpec(4, 2, 3, 32, 10, 2.0, 0.5));

    TrainingResult result = trainOneEpoch(architecture, data, 5);

    assertThat(result.history()).hasSize(1);
    assertThat(result.history().get(0).loss()).isFinite().isPositive();
    assertThat(result.bestValidationAccuracy()).isBetween(0.0, 1.0);
    assertThat(result.testAccuracy()).isBetween(0.0, 1.0);
  }

  @Test
  void oneEpochTrainsOnGeneratedEventFramesWithTFrames() {
    writeCifar10Dvs(root.resolve("cifar10-dvs"), 10);
    int steps = 3;
    TrainingData data = new TrainingDataSource(root).open("cifar10-dvs", steps, 8);
    assertThat(data.shape().frames()).isEqualTo(steps);
    Architecture architecture =
        tiny(
            SearchSpace.of(4, InputKind.EVENTS), 1, new NetworkSpec(4, steps, 2, 48, 10, 2.0, 0.5));

    TrainingResult result = trainOneEpoch(architecture, data, 4);

    assertThat(result.history()).hasSize(1);
    assertThat(result.history().get(0).loss()).isFinite().isPositive();
    assertThat(result.history().get(0).spikeRate()).isBetween(0.0, 1.0);
    assertThat(result.testAccuracy()).isBetween(0.0, 1.0);
  }

  /** The first {@code size} samples of a split. */
  private record First(SampleSet all, int size) implements SampleSet {
    @Override
    public int label(int index) {
      return all.label(Objects.checkIndex(index, size));
    }

    @Override
    public void copyInto(int index, float[] dst, int offset) {
      all.copyInto(Objects.checkIndex(index, size), dst, offset);
    }
  }

  /** A small network: one searched cell with motif m2 and mixed kernels, C = 4. */
  private static Architecture tiny(SearchSpace space, int searchedCell, NetworkSpec spec) {
    return new Architecture(
        space,
        GenomeFixtures.genome(space, 3, GenomeFixtures.cell(searchedCell, 2, 0, 1, 0, 1, 0, 1)),
        spec);
  }

  private static TrainingResult trainOneEpoch(
      Architecture architecture, TrainingData data, int batch) {
    TrainingOptions options =
        TrainingOptions.builder()
            .epochs(1)
            .batchSize(batch)
            .evaluationBatchSize(500)
            .learningRatePer1024(1.0)
            .seed(5)
            .build();
    List<EpochProgress> seen = new ArrayList<>();
    try (TrainingRun run = TrainingRun.start(architecture, data, options)) {
      TrainingResult result = run.runToEnd(seen::add, c -> {});
      assertThat(seen).hasSize(1);
      assertThat(run.samplesTrained()).isEqualTo(data.train().size() / batch * batch);
      result.model().close();
      return result;
    }
  }

  /**
   * Gestures of users 1 (four, classes 1-4), 22 (class 5), 23 (class 6) and 24 (class 11): the
   * gesture k of a recording holds k + 1 ON events at sensor (0, 0), then 2 OFF at (127, 127).
   */
  private static void writeGestures(Path folder) {
    mkdirs(folder);
    writeTrial(folder, "user01_lab", 1, 2, 3, 4);
    writeTrial(folder, "user22_led", 5);
    writeTrial(folder, "user23_natural", 6);
    writeTrial(folder, "user24_fluorescent", 11, 10);
  }

  private static void writeTrial(Path folder, String name, int... classes) {
    StringBuilder csv = new StringBuilder("class,startTime_usec,endTime_usec\r\n");
    List<Event> events = new ArrayList<>();
    for (int k = 0; k < classes.length; k++) {
      int start = 1000 * (k + 1);
      csv.append(classes[k]).append(',').append(start).append(',').append(start + 500);
      csv.append("\r\n");
      int t = start;
      for (int i = 0; i <= k; i++) {
        events.add(Event.on(0, 0, t++));
      }
      events.add(Event.off(127, 127, t++));
      events.add(Event.off(127, 127, t));
    }
    write(folder, name + ".aedat", aedat31(polarityPacket(0, events.toArray(Event[]::new))));
    write(folder, name + "_labels.csv", ascii(csv.toString()));
  }

  /**
   * The ten class folders with {@code files} recordings each: file k holds k + 1 ON events at
   * sensor (0, 0), then one OFF event at (127, 127).
   */
  static void writeCifar10Dvs(Path folder, int files) {
    List<String> classes =
        List.of(
            "airplane",
            "automobile",
            "bird",
            "cat",
            "deer",
            "dog",
            "frog",
            "horse",
            "ship",
            "truck");
    for (String name : classes) {
      Path classFolder = mkdirs(folder.resolve(name));
      for (int k = 0; k < files; k++) {
        int[] addresses = new int[k + 2];
        int[] timestamps = new int[k + 2];
        for (int e = 0; e <= k; e++) {
          addresses[e] = dvs128Address(0, 0, 1);
          timestamps[e] = e;
        }
        addresses[k + 1] = dvs128Address(127, 127, 0);
        timestamps[k + 1] = k + 1;
        write(classFolder, "cifar10_" + name + "_" + k + ".aedat", aedat20(addresses, timestamps));
      }
    }
  }

  /**
   * Checks per frame {@code {OFF events, ON events}}: ON events are at sensor (0, 0), OFF at (127,
   * 127), each wholly inside output pixel (0, 0) / (47, 47), so each adds {@link #MASS} there and
   * nothing elsewhere.
   */
  private static void assertFrames(SampleSet set, InputShape shape, int index, int[][] counts) {
    float[] frames = sample(set, shape, index);
    assertThat(counts.length).isEqualTo(shape.frames());
    for (int f = 0; f < counts.length; f++) {
      int off = counts[f][0];
      int on = counts[f][1];
      assertThat(frames[nhwc(f, 0, 0, 1)]).as("frame %d ON", f).isEqualTo(on * MASS);
      assertThat(frames[nhwc(f, 47, 47, 0)]).as("frame %d OFF", f).isEqualTo(off * MASS);
      assertThat(channelSum(frames, f, 1))
          .as("frame %d ON sum", f)
          .isCloseTo(on * MASS, within(1e-6));
      assertThat(channelSum(frames, f, 0))
          .as("frame %d OFF sum", f)
          .isCloseTo(off * MASS, within(1e-6));
    }
  }

  private static int nhwc(int frame, int row, int col, int channel) {
    return ((frame * 48 + row) * 48 + col) * 2 + channel;
  }

  private static double channelSum(float[] frames, int frame, int channel) {
    double sum = 0;
    for (int p = 0; p < 48 * 48; p++) {
      sum += frames[(frame * 48 * 48 + p) * 2 + channel];
    }
    return sum;
  }

  private static double sum(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += v;
    }
    return sum;
  }

  /** The NHWC floats of CIFAR image {@code id}, read through the trainer's split. */
  private static void assertImageIs(SampleSet set, int index, int id) {
    float[] image = sample(set, InputShape.image(32, 32, 3), index);
    for (int row = 0; row < 32; row++) {
      for (int col = 0; col < 32; col++) {
        for (int c = 0; c < 3; c++) {
          assertThat(image[(row * 32 + col) * 3 + c])
              .as("sample %d (row %d, col %d, channel %d)", index, row, col, c)
              .isEqualTo(CifarFiles.value(id, c, row, col) / 255f);
        }
      }
    }
  }

  /** Sample {@code index} as the trainer reads it, into a buffer of garbage it must overwrite. */
  private static float[] sample(SampleSet set, InputShape shape, int index) {
    float[] values = new float[shape.sampleLength()];
    Arrays.fill(values, Float.NaN);
    set.copyInto(index, values, 0);
    return values;
  }

  private static int[] labels(SampleSet set) {
    return IntStream.range(0, set.size()).map(set::label).toArray();
  }

  private static Path mkdirs(Path folder) {
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
