package io.msenas.worker.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JacksonException;

/**
 * A training run's whole state after an epoch: architecture, options, parameters and BatchNorm
 * statistics, the best-validation parameters so far, AdamW's moments and step count, the epoch
 * count (which, with the seed, is the random generators' state), the elapsed time and the history.
 * {@link TrainingRun#resume} continues it to the same results as an uninterrupted run.
 *
 * <p>Format (version {@value #VERSION}): the bytes {@code MSENAS-CHECKPOINT}, an int version, an
 * int length and a UTF-8 JSON header, then the tensors (see {@code TensorCodec}) of the parameters,
 * a flag and the best parameters, and the optimizer state. Immutable; the bytes are held, not
 * parsed, until a run resumes from them.
 */
public final class Checkpoint {

  static final String MAGIC = "MSENAS-CHECKPOINT";
  static final int VERSION = 1;

  private final byte[] bytes;
  private final Header header;

  /** The JSON part. */
  record Header(
      Architecture architecture,
      TrainingOptions options,
      String dataset,
      int epochsDone,
      int bestEpoch,
      double bestValidationAccuracy,
      long elapsedNanos,
      List<EpochProgress> history) {}

  /** A parsed checkpoint: fresh arrays, owned by the caller. */
  record State(Header header, ParameterSet parameters, ParameterSet best, byte[] optimizer) {
    /**
     * Gives {@code adam} the saved moments and step count.
     *
     * @throws IllegalArgumentException if the optimizer state is damaged: cut short, followed by
     *     other bytes, or with moments that do not fit the parameters
     */
    void restoreOptimizer(AdamW adam) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(optimizer))) {
        adam.read(in);
        if (in.available() > 0) {
          throw new IOException("it is followed by " + in.available() + " stray byte(s)");
        }
      } catch (EOFException e) {
        throw new IllegalArgumentException(
            "damaged checkpoint: its optimizer state is cut short", e);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "damaged checkpoint: its optimizer state is unreadable: " + e.getMessage(), e);
      }
      adam.requireFits(parameters.trainableMap());
    }
  }

  private Checkpoint(byte[] bytes, Header header) {
    this.bytes = bytes;
    this.header = header;
  }

  static Checkpoint of(Header header, ParameterSet parameters, ParameterSet best, AdamW optimizer) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      Container.writeHeader(out, MAGIC, VERSION, Json.MAPPER.writeValueAsBytes(header));
      parameters.write(out);
      out.writeBoolean(best != null);
      if (best != null) {
        best.write(out);
      }
      optimizer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Checkpoint(buffer.toByteArray(), header);
  }

  /**
   * Reads a checkpoint written by {@link #toBytes()}.
   *
   * @throws IllegalArgumentException if the bytes are not a checkpoint of a known version, or its
   *     header is not one
   */
  public static Checkpoint fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte[] json = Container.readHeader(in, MAGIC, VERSION);
      return new Checkpoint(bytes.clone(), Json.MAPPER.readValue(json, Header.class));
    } catch (IOException | JacksonException e) {
      // JacksonException: a header that is not JSON, or not a header (options out of range)
      throw new IllegalArgumentException("not a readable checkpoint: " + e.getMessage(), e);
    }
  }

  /** Reads a checkpoint file. */
  public static Checkpoint load(Path file) throws IOException {
    return fromBytes(Files.readAllBytes(file));
  }

  /** The checkpoint as bytes (a copy). */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Writes the checkpoint to {@code file}, replacing it. */
  public void save(Path file) throws IOException {
    Files.write(file, bytes);
  }

  /** Epochs completed when it was taken. */
  public int epochsDone() {
    return header.epochsDone();
  }

  /** The run's options. */
  public TrainingOptions options() {
    return header.options();
  }

  /** What is being trained. */
  public Architecture architecture() {
    return header.architecture();
  }

  State state() {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      Container.readHeader(in, MAGIC, VERSION);
      ParameterSet parameters = ParameterSet.read(in);
      try {
        ParameterSet best = in.readBoolean() ? ParameterSet.read(in) : null;
        return new State(header, parameters, best, in.readAllBytes());
      } catch (IOException | RuntimeException e) {
        parameters.close();
        throw e;
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("damaged checkpoint: " + e.getMessage(), e);
    }
  }
}
