package io.msenas.worker.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * CIFAR10-DVS (Li et al., Frontiers in Neuroscience 2017): 10,000 CIFAR-10 images recorded with a
 * DVS128 camera, 1,000 per class, one AEDAT 2.0 file per image in a folder per class ({@code
 * airplane}, {@code automobile}, ..., {@code truck}).
 *
 * <p>Split, per class, deterministic: the class's {@code .aedat} files in natural order ({@code
 * cifar10_airplane_2} before {@code cifar10_airplane_10}), n of them; the first {@code floor(9n /
 * 10)} are for training and the rest are the test split (9:1). Validation: the last {@code
 * floor(trainCount / 9)} training files, so 800 / 100 / 100 per class for the full set.
 *
 * <p>Opening lists the folders only; a sample's file is read and checked when the sample is asked
 * for, and a malformed file fails then, naming the file.
 */
final class Cifar10DvsDataset {

  static final List<String> CLASS_NAMES =
      List.of(
          "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  private Cifar10DvsDataset() {}

  /**
   * Opens the data set in {@code directory} (the folder holding the ten class folders), each sample
   * framed to {@code frames} frames.
   *
   * @throws DatasetFormatException naming the directory or class folder that is missing or empty
   */
  static DatasetSplits open(Path directory, int frames) {
    SampleSets.requireDirectory(directory);
    List<EventSampleSet.Sample> train = new ArrayList<>();
    List<EventSampleSet.Sample> validation = new ArrayList<>();
    List<EventSampleSet.Sample> test = new ArrayList<>();
    for (int label = 0; label < CLASS_NAMES.size(); label++) {
      List<Path> files = classFiles(directory, CLASS_NAMES.get(label));
      int[] ends = splitEnds(files.size());
      for (int i = 0; i < files.size(); i++) {
        Path file = files.get(i);
        int classLabel = label;
        EventSampleSet.Sample sample =
            new EventSampleSet.Sample(classLabel, () -> Aedat20Reader.readDvs128(file));
        if (i >= ends[1]) {
          test.add(sample);
        } else if (i >= ends[0]) {
          validation.add(sample);
        } else {
          train.add(sample);
        }
      }
    }
    String name = DatasetId.CIFAR10_DVS.id();
    return new DatasetSplits(
        DatasetId.CIFAR10_DVS,
        String.format(
            "%s (per class in natural file order: first 90%% train, of which the last ninth"
                + " validation, last 10%% test; %d frames by event count, area-resized to 48 x 48)",
            directory, frames),
        EventFrames.geometry(frames),
        new EventSampleSet(name + "/train", train, frames),
        new EventSampleSet(name + "/validation", validation, frames),
        new EventSampleSet(name + "/test", test, frames));
  }

  /**
   * Where the splits of a class of {@code files} recordings end: {@code {trainEnd, validationEnd}};
   * files {@code [0, trainEnd)} train, {@code [trainEnd, validationEnd)} validate and {@code
   * [validationEnd, files)} test, with {@code validationEnd = floor(9 files / 10)} and {@code
   * trainEnd = validationEnd - floor(validationEnd / 9)}.
   */
  static int[] splitEnds(int files) {
    int nineTenths = 9 * files / 10;
    return new int[] {nineTenths - nineTenths / 9, nineTenths};
  }

  /** The {@code .aedat} files of one class folder, in natural order. */
  static List<Path> classFiles(Path directory, String className) {
    Path folder = directory.resolve(className);
    if (!Files.isDirectory(folder)) {
      throw new DatasetFormatException(
          folder.toString(),
          "class folder not found; expected the ten CIFAR10-DVS class folders "
              + String.join(", ", CLASS_NAMES)
              + " in "
              + directory);
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files =
          list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".aedat"))
              .filter(Files::isRegularFile)
              .sorted((a, b) -> NaturalOrder.INSTANCE.compare(fileName(a), fileName(b)))
              .toList();
    } catch (IOException e) {
      throw new DatasetFormatException(
          folder.toString(), "could not be listed: " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new DatasetFormatException(folder.toString(), "holds no .aedat files");
    }
    return files;
  }

  private static String fileName(Path path) {
    return path.getFileName().toString();
  }
}
