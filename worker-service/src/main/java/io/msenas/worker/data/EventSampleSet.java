package io.msenas.worker.data;

import java.util.List;
import java.util.function.Supplier;

/**
 * A split of an event data set: each sample's events are read from its file when the sample is
 * asked for, then framed by {@link EventFrames}. Immutable and thread-safe.
 */
final class EventSampleSet implements SampleSet {

  /**
   * One sample: its label and how to read its events.
   *
   * @param label class, 0-based
   * @param events reads the sample's events (from disk, on every call)
   */
  record Sample(int label, Supplier<PolarityEvents> events) {}

  private final String name;
  private final List<Sample> samples;
  private final SampleGeometry geometry;

  EventSampleSet(String name, List<Sample> samples, int frames) {
    this.name = name;
    this.samples = List.copyOf(samples);
    this.geometry = EventFrames.geometry(frames);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return samples.size();
  }

  @Override
  public int label(int i) {
    SampleSets.checkIndex(i, samples.size());
    return samples.get(i).label();
  }

  @Override
  public SampleGeometry geometry() {
    return geometry;
  }

  @Override
  public void copySample(int i, float[] dst, int offset) {
    SampleSets.checkIndex(i, samples.size());
    SampleSets.checkDestination(dst, offset, geometry);
    EventFrames.frames(samples.get(i).events().get(), geometry.frames(), dst, offset);
  }

  @Override
  public String toString() {
    return name + "[" + samples.size() + "]";
  }
}
