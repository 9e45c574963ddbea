package io.msenas.worker.simulation;

import io.msenas.worker.network.Phenotype.Clamp;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * BatchNorm with batch statistics (the fitness path: freshly initialised scale 1 and shift 0) and
 * the E/I sign clamp. {@link #statistics} is one pass over a convolution's output; the simulator
 * applies them where a LIF layer reads the output ({@link NodeValue}, through {@link #normalise}),
 * and {@link #normaliseInto} does both passes and writes a node (the stem, and tests).
 *
 * <p>Statistics are per channel over every position of {@code x} (all steps, samples and pixels),
 * with the biased variance, as a BatchNorm layer computes them in training mode. The output is read
 * in blocks that stay in cache, straight from the native tensor.
 *
 * <p>Every hot loop reads and writes its arrays at one common index: C2 on JDK 17 vectorises a loop
 * only then (a loop over {@code a[i]} and {@code b[offset + i]} stays scalar, several times
 * slower). So the sums run over "tiles" of whole positions (at least 256 floats) copied to index 0,
 * the per-channel constants are repeated across a whole block, and a node is added to through a
 * local copy.
 */
public final class BatchNormKernel {

  /** BatchNorm's epsilon. */
  public static final float EPSILON = 1e-5f;

  /** Positions per block; a block's floats stay in the L1/L2 cache. */
  private static final int BLOCK_POSITIONS = 512;

  /**
   * Floats per block of the normalising pass (whole positions; at least one). Not tied to {@link
   * #BLOCK_POSITIONS}, which fixes where the sums are rounded: at 128 channels, 512 positions would
   * make this pass's arrays 256 KB each, allocated and filled on every call.
   */
  private static final int NORMALISE_BLOCK_FLOATS = 8192;

  private BatchNormKernel() {}

  /**
   * {@link #normaliseInto(FloatBuffer, int, int, Clamp, float[], int, int, boolean)} over a heap
   * array.
   */
  public static void normaliseInto(
      float[] x,
      int positions,
      int channels,
      Clamp clamp,
      float[] target,
      int targetChannels,
      int offset,
      boolean overwrite) {
    normaliseInto(
        FloatBuffer.wrap(x), positions, channels, clamp, target, targetChannels, offset, overwrite);
  }

  /**
   * Normalises {@code x} (positions x channels, channels innermost), clamps it, and writes it into
   * channels [offset, offset + channels) of {@code target}, whose positions are {@code
   * targetChannels} floats apart: {@code target = y} when {@code overwrite}, else {@code target +=
   * y}.
   */
  public static void normaliseInto(
      FloatBuffer x,
      int positions,
      int channels,
      Clamp clamp,
      float[] target,
      int targetChannels,
      int offset,
      boolean overwrite) {
    Affine affine = statistics(x, positions, channels);
    // per-channel constants repeated across a whole block, so the block's loops index every array
    // alike
    int blockPositions = Math.max(1, NORMALISE_BLOCK_FLOATS / channels);
    int blockLength = blockPositions * channels;
    float[] scale = affine.repeatedScale(blockLength);
    float[] shift = affine.repeatedShift(blockLength);
    Parallel.forRange(
        positions,
        (chunk, from, to) -> {
          FloatBuffer in = x.duplicate();
          float[] block = new float[blockLength];
          float[] sum = new float[blockLength];
          for (int p0 = from; p0 < to; p0 += blockPositions) {
            int n = Math.min(blockPositions, to - p0);
            int length = n * channels;
            in.get(p0 * channels, block, 0, length);
            normalise(block, block, length, scale, shift, clamp, false);
            write(block, n, channels, target, p0, targetChannels, offset, overwrite, sum);
          }
        });
  }

  /**
   * The per-channel scale {@code 1 / sqrt(var + eps)} and shift {@code -mean * scale} that
   * normalise x = y * scale + shift, from the batch statistics of {@code x} (positions x channels,
   * channels innermost): over every position, biased variance.
   */
  public static Affine statistics(FloatBuffer x, int positions, int channels) {
    return statistics(x, positions, channels, VectorKernel.AVAILABLE);
  }

  /**
   * {@link #statistics} with the tile sums through {@code vector} where it is not null and {@code
   * x} is in the native byte order (the same sums: each of a tile's floats has its own), else the
   * loops.
   */
  static Affine statistics(FloatBuffer x, int positions, int channels, VectorKernel vector) {
    VectorKernel kernel = x.order() == java.nio.ByteOrder.nativeOrder() ? vector : null;
    int tile = channels * Math.max(1, 256 / channels);
    int chunks = Parallel.chunksFor(positions);
    double[][] sums = new double[chunks][channels];
    double[][] squares = new double[chunks][channels];
    Parallel.forRange(
        positions,
        (chunk, from, to) -> {
          FloatBuffer in = x.duplicate();
          float[] tileSum = new float[tile];
          float[] tileSquares = new float[tile];
          float[] tileValues = new float[tile];
          for (int p0 = from; p0 < to; p0 += BLOCK_POSITIONS) {
            int length = Math.min(BLOCK_POSITIONS, to - p0) * channels;
            int first = p0 * channels;
            int i =
                kernel == null ? 0 : kernel.sumTiles(x, first, length, tile, tileSum, tileSquares);
            for (; i + tile <= length; i += tile) {
              // each tile is copied to index 0, where the sums are: C2 (JDK 17) vectorises a loop
              // only when all its arrays are read at the same offset
              in.get(first + i, tileValues, 0, tile);
              for (int j = 0; j < tile; j++) {
                float v = tileValues[j];
                tileSum[j] += v;
                tileSquares[j] += v * v;
              }
            }
            for (; i < length; i++) {
              float v = in.get(first + i);
              tileSum[i % tile] += v;
              tileSquares[i % tile] += v * v;
            }
            // float partial sums per block, added up in doubles: accurate and vectorisable (tile
            // position by position, as j % channels would, without a division per element)
            int c0 =
                kernel == null
                    ? 0
                    : kernel.addTiles(
                        tileSum, tileSquares, tile, channels, sums[chunk], squares[chunk]);
            for (int base = 0; base < tile; base += channels) {
              for (int c = c0; c < channels; c++) {
                sums[chunk][c] += tileSum[base + c];
                squares[chunk][c] += tileSquares[base + c];
              }
            }
            Arrays.fill(tileSum, 0f);
            Arrays.fill(tileSquares, 0f);
          }
        });
    float[] scale = new float[channels];
    float[] shift = new float[channels];
    for (int c = 0; c < channels; c++) {
      double s = 0;
      double q = 0;
      for (int k = 0; k < chunks; k++) {
        s += sums[k][c];
        q += squares[k][c];
      }
      double mean = s / positions;
      double variance = Math.max(0.0, q / positions - mean * mean);
      double inv = 1.0 / Math.sqrt(variance + EPSILON);
      scale[c] = (float) inv;
      shift[c] = (float) (-mean * inv);
    }
    return new Affine(scale, shift);
  }

  /** Per-channel {@code y = x * scale + shift}. */
  public record Affine(float[] scale, float[] shift) {
    public int channels() {
      return scale.length;
    }

    /** The scales repeated position after position over {@code length} floats. */
    float[] repeatedScale(int length) {
      return repeat(scale, length);
    }

    /** The shifts repeated position after position over {@code length} floats. */
    float[] repeatedShift(int length) {
      return repeat(shift, length);
    }

    private static float[] repeat(float[] perChannel, int length) {
      float[] repeated = new float[length];
      for (int j = 0; j < length; j++) {
        repeated[j] = perChannel[j % perChannel.length];
      }
      return repeated;
    }
  }

  /**
   * {@code out[k] = clamp(in[k] * scale[k] + shift[k])} for k below {@code length}, or {@code
   * out[k] += ...} when {@code accumulate}: the normalising step of a block, with the per-channel
   * constants repeated across it ({@code in} and {@code out} may be the same array).
   */
  static void normalise(
      float[] in,
      float[] out,
      int length,
      float[] scale,
      float[] shift,
      Clamp clamp,
      boolean accumulate) {
    if (clamp == Clamp.NONE) {
      if (accumulate) {
        for (int k = 0; k < length; k++) {
          out[k] += in[k] * scale[k] + shift[k];
        }
      } else {
        for (int k = 0; k < length; k++) {
          out[k] = in[k] * scale[k] + shift[k];
        }
      }
      return;
    }
    // max(y, 0) = (y + |y|) / 2 and min(y, 0) = (y - |y|) / 2: exact, and they vectorise where
    // Math.max/min do not
    float sign = clamp == Clamp.INHIBITORY ? -1f : 1f;
    if (accumulate) {
      for (int k = 0; k < length; k++) {
        float y = in[k] * scale[k] + shift[k];
        out[k] += (y + sign * Math.abs(y)) * 0.5f;
      }
    } else {
      for (int k = 0; k < length; k++) {
        float y = in[k] * scale[k] + shift[k];
        out[k] = (y + sign * Math.abs(y)) * 0.5f;
      }
    }
  }

  private static void write(
      float[] block,
      int positions,
      int channels,
      float[] target,
      int firstPosition,
      int targetChannels,
      int offset,
      boolean overwrite,
      float[] sum) {
    int length = positions * channels;
    if (targetChannels == channels) {
      int out = firstPosition * channels;
      if (overwrite) {
        System.arraycopy(block, 0, target, out, length);
      } else {
        // the node's values are added at index 0 of a local copy (vectorised), not in place
        System.arraycopy(target, out, sum, 0, length);
        for (int i = 0; i < length; i++) {
          sum[i] += block[i];
        }
        System.arraycopy(sum, 0, target, out, length);
      }
      return;
    }
    for (int p = 0; p < positions; p++) {
      int at = p * channels;
      int out = (firstPosition + p) * targetChannels + offset;
      if (overwrite) {
        System.arraycopy(block, at, target, out, channels);
      } else {
        for (int c = 0; c < channels; c++) {
          target[out + c] += block[at + c];
        }
      }
    }
  }
}
