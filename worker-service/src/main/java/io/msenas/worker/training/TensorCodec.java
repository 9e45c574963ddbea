package io.msenas.worker.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named float tensors in a stream: a count, then per tensor its name (UTF), rank, shape (longs) and
 * values (big-endian floats). Exact: a round trip gives the same bits.
 *
 * <p>Reads in-memory bytes (checkpoints, model files: a {@code ByteArrayInputStream}), whose {@code
 * available()} is exactly what remains: a length is checked against its shape and against the bytes
 * left before anything is allocated, so damaged bytes fail with an {@link IOException}, not with an
 * array of 2^31 floats.
 */
final class TensorCodec {

  private static final int MAX_RANK = 8;

  private TensorCodec() {}

  static void write(DataOutputStream out, Map<String, INDArray> tensors) throws IOException {
    out.writeInt(tensors.size());
    for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
      out.writeUTF(e.getKey());
      long[] shape = e.getValue().shape();
      out.writeInt(shape.length);
      for (long d : shape) {
        out.writeLong(d);
      }
      writeFloats(out, e.getValue().castTo(DataType.FLOAT).dup('c').data().asFloat());
    }
  }

  static Map<String, INDArray> read(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0) {
      throw new IOException("negative tensor count " + count);
    }
    Map<String, INDArray> tensors = new LinkedHashMap<>();
    boolean complete = false;
    try {
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        int rank = in.readInt();
        if (rank < 0 || rank > MAX_RANK) {
          throw new IOException("tensor '" + name + "' has rank " + rank);
        }
        long[] shape = new long[rank];
        long length = 1;
        for (int d = 0; d < rank; d++) {
          shape[d] = in.readLong();
          if (shape[d] < 0) {
            throw new IOException(
                "tensor '" + name + "' has dimension " + d + " of size " + shape[d]);
          }
          if (shape[d] > 0 && length > Integer.MAX_VALUE / shape[d]) {
            throw new IOException(
                "tensor '"
                    + name
                    + "' has shape "
                    + Arrays.toString(Arrays.copyOf(shape, d + 1))
                    + "...: more than "
                    + Integer.MAX_VALUE
                    + " values");
          }
          length *= shape[d];
        }
        int declared = in.readInt();
        if (declared != length) {
          throw new IOException(
              "tensor '"
                  + name
                  + "' declares "
                  + declared
                  + " values for its shape "
                  + Arrays.toString(shape)
                  + " of "
                  + length);
        }
        float[] values = readValues(in, declared, "tensor '" + name + "'");
        tensors.put(name, Nd4j.create(values, shape, DataType.FLOAT));
      }
      complete = true;
      return tensors;
    } finally {
      if (!complete) {
        tensors.values().forEach(INDArray::close);
      }
    }
  }

  static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  static float[] readFloats(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("negative array length " + length);
    }
    return readValues(in, length, "an array");
  }

  /** {@code length} floats, once the stream is known to hold them. */
  private static float[] readValues(DataInputStream in, int length, String what)
      throws IOException {
    int remaining = in.available();
    if (4L * length > remaining) {
      throw new IOException(
          what
              + " declares "
              + length
              + " floats ("
              + 4L * length
              + " bytes) but only "
              + remaining
              + " bytes remain");
    }
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = in.readFloat();
    }
    return values;
  }
}
