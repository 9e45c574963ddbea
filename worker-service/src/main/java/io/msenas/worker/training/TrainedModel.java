package io.msenas.worker.training;

import io.msenas.worker.runtime.Nd4jRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained network: its architecture (genome, search space, {@code NetworkSpec}), parameters and
 * BatchNorm running statistics, and provenance. Evaluates with BatchNorm in inference mode.
 *
 * <p>File format (version {@value #VERSION}): the bytes {@code MSENAS-MODEL}, an int version, an
 * int length and a UTF-8 JSON header ({@code architecture}, {@code provenance}), then the tensors.
 * Not thread-safe; {@link #close()} frees native memory.
 */
public final class TrainedModel implements AutoCloseable {

  static final String MAGIC = "MSENAS-MODEL";
  static final int VERSION = 1;

  private final Architecture architecture;
  private final ParameterSet parameters;
  private final ModelProvenance provenance;
  private InferenceModel inference;
  private InputShape inferenceShape;

  /** The JSON part of the file. */
  record Header(Architecture architecture, ModelProvenance provenance) {}

  TrainedModel(Architecture architecture, ParameterSet parameters, ModelProvenance provenance) {
    this.architecture = architecture;
    this.parameters = parameters;
    this.provenance = provenance;
  }

  public Architecture architecture() {
    return architecture;
  }

  public ModelProvenance provenance() {
    return provenance;
  }

  /** Trainable parameter count. */
  public long parameterCount() {
    return parameters.size();
  }

  /** Fraction of {@code set} (samples of {@code shape}) classified correctly. */
  public double accuracy(SampleSet set, InputShape shape) {
    return inference(shape).accuracy(set);
  }

  /** Time-averaged logits of every sample of {@code set}, [size][classes] row-major. */
  public float[] logits(SampleSet set, InputShape shape) {
    return inference(shape).logits(set);
  }

  private InferenceModel inference(InputShape shape) {
    if (inference == null || !shape.equals(inferenceShape)) {
      Nd4jRuntime.initialise();
      if (inference != null) {
        inference.close();
      }
      inference =
          new InferenceModel(
              architecture.phenotype(),
              parameters,
              shape,
              provenance.options().evaluationBatchSize());
      inferenceShape = shape;
    }
    return inference;
  }

  /** The model as bytes. */
  public byte[] toBytes() {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      Container.writeHeader(
          out, MAGIC, VERSION, Json.MAPPER.writeValueAsBytes(new Header(architecture, provenance)));
      parameters.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  /** Writes the model to {@code file}, replacing it. */
  public void save(Path file) throws IOException {
    Files.write(file, toBytes());
  }

  /**
   * Reads a model written by {@link #toBytes()}.
   *
   * @throws IllegalArgumentException if the bytes are not a model file of a known version, or its
   *     tensors do not fit its architecture
   */
  public static TrainedModel fromBytes(byte[] bytes) {
    Nd4jRuntime.initialise();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      Header header = Json.MAPPER.readValue(Container.readHeader(in, MAGIC, VERSION), Header.class);
      ParameterSet parameters = ParameterSet.read(in);
      try (ParameterSet expected = ParameterSet.initialise(header.architecture().phenotype(), 0)) {
        expected.requireSameLayout(parameters);
      } catch (RuntimeException e) {
        parameters.close();
        throw e;
      }
      return new TrainedModel(header.architecture(), parameters, header.provenance());
    } catch (IOException e) {
      throw new IllegalArgumentException("not a readable model file: " + e.getMessage(), e);
    }
  }

  /** Reads a model file. */
  public static TrainedModel load(Path file) throws IOException {
    return fromBytes(Files.readAllBytes(file));
  }

  @Override
  public void close() {
    if (inference != null) {
      inference.close();
    }
    parameters.close();
  }
}
