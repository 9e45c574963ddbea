package io.msenas.worker.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Checks and views shared by the data set readers and their {@link SampleSet}s. */
final class SampleSets {

  private SampleSets() {}

  /** Fails unless {@code directory} is an existing directory. */
  static void requireDirectory(Path directory) {
    Objects.requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new DatasetFormatException(
          directory.toString(),
          Files.exists(directory) ? "is not a directory" : "directory not found");
    }
  }

  static void checkIndex(int i, int size) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(
          size == 0
              ? "sample index " + i + " in an empty split"
              : "sample index must be in 0.." + (size - 1) + ", was " + i);
    }
  }

  static void checkDestination(float[] dst, int offset, SampleGeometry geometry) {
    Objects.requireNonNull(dst, "dst");
    int length = geometry.valuesPerSample();
    if (offset < 0 || (long) offset + length > dst.length) {
      throw new IllegalArgumentException(
          String.format(
              "a sample of %d values at offset %d does not fit in dst of length %d",
              length, offset, dst.length));
    }
  }

  /** Samples {@code [from, to)} of {@code source}, renamed. */
  static SampleSet slice(SampleSet source, String name, int from, int to) {
    if (from < 0 || to < from || to > source.size()) {
      throw new IllegalArgumentException(
          String.format(
              "slice [%d, %d) is not within the %d samples of %s",
              from, to, source.size(), source.name()));
    }
    return new SampleSet() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int size() {
        return to - from;
      }

      @Override
      public int label(int i) {
        checkIndex(i, to - from);
        return source.label(from + i);
      }

      @Override
      public SampleGeometry geometry() {
        return source.geometry();
      }

      @Override
      public void copySample(int i, float[] dst, int offset) {
        checkIndex(i, to - from);
        source.copySample(from + i, dst, offset);
      }

      @Override
      public String toString() {
        return name + "[" + (to - from) + "]";
      }
    };
  }
}
