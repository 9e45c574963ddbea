package io.msenas.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.msenas.worker.runtime.Nd4jRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link TensorCodec}: a round trip is exact; damaged lengths and shapes fail with an IOException
 * naming the tensor before anything is allocated for them.
 */
class TensorCodecTest {

  @BeforeAll
  static void loadNatives() {
    Nd4jRuntime.initialise();
  }

  /** What a writer would produce for one tensor of this shape, length and values. */
  private static DataInputStream oneTensor(long[] shape, int length, int values)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(1);
      out.writeUTF("conv0.w");
      out.writeInt(shape.length);
      for (long d : shape) {
        out.writeLong(d);
      }
      out.writeInt(length);
      for (int i = 0; i < values; i++) {
        out.writeFloat(i);
      }
    }
    return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
  }

  @Test
  void aRoundTripGivesTheSameTensorsEmptyOnesIncluded() throws IOException {
    Map<String, INDArray> tensors = new LinkedHashMap<>();
    tensors.put("a", Nd4j.create(new float[] {1.5f, -0f, Float.MIN_VALUE}, new long[] {3, 1}));
    tensors.put("empty", Nd4j.create(DataType.FLOAT, 0, 4));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      TensorCodec.write(out, tensors);
    }

    Map<String, INDArray> read =
        TensorCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

    assertThat(read).containsOnlyKeys("a", "empty");
    assertThat(read.get("a").shape()).containsExactly(3, 1);
    assertThat(read.get("a").data().asFloat()).containsExactly(1.5f, -0f, Float.MIN_VALUE);
    assertThat(read.get("empty").shape()).containsExactly(0, 4);
  }

  @Test
  void aLengthThatIsNotTheShapesFailsBeforeAllocatingIt() throws IOException {
    DataInputStream in = oneTensor(new long[] {2, 3}, Integer.MAX_VALUE, 6);

    assertThatThrownBy(() -> TensorCodec.read(in))
        .isInstanceOf(IOException.class)
        .hasMessage("tensor 'conv0.w' declares 2147483647 values for its shape [2, 3] of 6");
  }

  @Test
  void negativeDimensionsAreRejectedEvenWhenTheirProductMatches() throws IOException {
    DataInputStream in = oneTensor(new long[] {-2, -3}, 6, 6);

    assertThatThrownBy(() -> TensorCodec.read(in))
        .isInstanceOf(IOException.class)
        .hasMessage("tensor 'conv0.w' has dimension 0 of size -2");
  }

  @Test
  void aShapeOfMoreThanAnArraysValuesIsRejected() throws IOException {
    DataInputStream in = oneTensor(new long[] {1L << 20, 1L << 20}, 0, 0);

    assertThatThrownBy(() -> TensorCodec.read(in))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("tensor 'conv0.w' has shape [1048576, 1048576]")
        .hasMessageContaining("more than 2147483647 values");
  }

  @Test
  void aLengthBeyondTheBytesLeftFailsBeforeAllocatingIt() throws IOException {
    DataInputStream tensor = oneTensor(new long[] {1 << 15, 1 << 15}, 1 << 30, 2);
    assertThatThrownBy(() -> TensorCodec.read(tensor))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "tensor 'conv0.w' declares 1073741824 floats (4294967296 bytes) but only 8 bytes"
                + " remain");

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(1 << 30);
      out.writeFloat(1f);
    }
    DataInputStream array = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    assertThatThrownBy(() -> TensorCodec.readFloats(array))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("declares 1073741824 floats")
        .hasMessageContaining("only 4 bytes remain");
  }
}
