package io.msenas.worker.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named float tensors in a stream: a count, then per tensor its name (UTF), rank, shape (longs) and
 * values (big-endian floats). Exact: a round trip gives the same bits.
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
        length *= shape[d];
      }
      float[] values = readFloats(in);
      if (values.length != length) {
        throw new IOException(
            "tensor '" + name + "' has " + values.length + " values for " + length);
      }
      tensors.put(name, Nd4j.create(values, shape, DataType.FLOAT));
    }
    return tensors;
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
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = in.readFloat();
    }
    return values;
  }
}
