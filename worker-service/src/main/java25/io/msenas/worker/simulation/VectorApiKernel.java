package io.msenas.worker.simulation;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorKernel} with the Vector API (Java 25, {@code jdk.incubator.vector}). Every float
 * operation is the one the Java 17 loops do, in the same order (no fused multiply-add), so the
 * currents, spikes and membranes are the same bit for bit for finite inputs; {@code
 * VectorKernelTest} holds the two equal, and {@link VectorKernel.Loader#selfCheck} checks each
 * JVM's kernel.
 *
 * <p>The step function: for a normal threshold, {@code e = v - threshold + ulp(threshold) / 4} is
 * never 0 and has the sign of H's answer ({@link LifKernel#step} proves it), so {@code e > 0} is H.
 */
final class VectorApiKernel implements VectorKernel {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();

  /** Doubles of the preferred width, and the floats that widen to them (half the bits). */
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

  private static final VectorSpecies<Float> HALF_FLOATS =
      DOUBLES.vectorBitSize() >= 128
          ? VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2))
          : null; // no 32-bit vectors: addTiles leaves the totals to the loops

  private static final FloatVector ZERO = FloatVector.zero(SPECIES);
  private static final FloatVector ONE = FloatVector.broadcast(SPECIES, 1f);

  VectorApiKernel() {
    if (64 % LANES != 0) {
      throw new IllegalStateException("vectors of " + LANES + " floats do not pack into 64 bits");
    }
  }

  @Override
  public int lanes() {
    return LANES;
  }

  @Override
  public long step(
      Source source,
      int row,
      int sample,
      int firstPixel,
      float[] current,
      float[] membrane,
      FloatBuffer spikes,
      int spikesOffset,
      long[] words,
      int wordBase,
      int length,
      float decay,
      float threshold) {
    MemorySegment out = segment(spikes);
    long outBase = (long) spikesOffset * Float.BYTES;
    if (source == null) {
      return stepCurrent(
          current, membrane, out, outBase, words, wordBase, length, decay, threshold);
    }
    // the node's block is contiguous in every term, as in the layer's block
    int channels = source.channels();
    Term[] terms = source.terms();
    // the terms summed into `current` in program order, then stepped; a last convolution term (the
    // only one, or one that adds) is read in the step's own loop, added to `current` if it adds
    int positions = length / channels;
    Term last = terms[terms.length - 1];
    boolean fuseLast = last.data() != null && (terms.length == 1 || !last.overwrite());
    int summed = fuseLast ? terms.length - 1 : terms.length;
    for (int k = 0; k < summed; k++) {
      Term term = terms[k];
      boolean overwrite = k == 0 || term.overwrite();
      if (term.data() != null) {
        normalise(
            term.data(),
            (row * term.pixels() + firstPixel) * channels,
            term.scale(),
            term.shift(),
            term.clampSign(),
            channels,
            positions,
            current,
            0,
            channels,
            !overwrite);
      } else {
        int r = term.timeInvariant() ? sample : row;
        place(
            term.values(),
            (r * term.pixels() + firstPixel) * channels,
            channels,
            positions,
            current,
            0,
            channels,
            !overwrite);
      }
    }
    if (!fuseLast) {
      return stepCurrent(
          current, membrane, out, outBase, words, wordBase, length, decay, threshold);
    }
    MemorySegment in = segment(last.data());
    long inBase = (long) (row * last.pixels() + firstPixel) * channels * Float.BYTES;
    if (terms.length == 1) {
      return stepTerm(
          in,
          inBase,
          last.scale(),
          last.shift(),
          last.clampSign(),
          channels,
          membrane,
          out,
          outBase,
          words,
          wordBase,
          length,
          decay,
          threshold);
    }
    return stepTermAdded(
        in,
        inBase,
        last.scale(),
        last.shift(),
        last.clampSign(),
        channels,
        current,
        membrane,
        out,
        outBase,
        words,
        wordBase,
        length,
        decay,
        threshold);
  }

  @Override
  public void normalise(
      FloatBuffer data,
      int first,
      float[] scale,
      float[] shift,
      int clampSign,
      int channels,
      int positions,
      float[] dest,
      int destOffset,
      int destStride,
      boolean accumulate) {
    MemorySegment in = segment(data);
    long base = (long) first * Float.BYTES;
    if (destStride == channels && channels % LANES == 0) {
      // contiguous: one run over the whole block, the channel wrapping vector by vector
      int length = positions * channels;
      int c = 0;
      for (int i = 0; i < length; i += LANES) {
        FloatVector x = FloatVector.fromMemorySegment(SPECIES, in, base + (long) i * 4, ORDER);
        FloatVector y = normalised(x, scale, shift, c, clampSign);
        if (accumulate) {
          y = FloatVector.fromArray(SPECIES, dest, destOffset + i).add(y);
        }
        y.intoArray(dest, destOffset + i);
        c += LANES;
        if (c == channels) {
          c = 0;
        }
      }
      return;
    }
    int whole = channels - channels % LANES;
    // a column of vectors at a time, down the positions: the column's constants stay in registers
    // (a position is often one or two vectors, too short a loop to carry them); every value is
    // computed as before, so the order changes nothing
    for (int k = 0; k < whole; k += LANES) {
      FloatVector s = FloatVector.fromArray(SPECIES, scale, k);
      FloatVector t = FloatVector.fromArray(SPECIES, shift, k);
      long at = base + (long) k * Float.BYTES;
      long step = (long) channels * Float.BYTES;
      int out = destOffset + k;
      for (int p = 0; p < positions; p++) {
        FloatVector y =
            clamped(FloatVector.fromMemorySegment(SPECIES, in, at, ORDER).mul(s).add(t), clampSign);
        if (accumulate) {
          y = FloatVector.fromArray(SPECIES, dest, out).add(y);
        }
        y.intoArray(dest, out);
        at += step;
        out += destStride;
      }
    }
    for (int p = 0; p < positions && whole < channels; p++) {
      int at = p * channels;
      int out = destOffset + p * destStride;
      for (int k = whole; k < channels; k++) {
        float y = data.get(first + at + k) * scale[k] + shift[k];
        if (clampSign != 0) {
          y = (y + clampSign * Math.abs(y)) * 0.5f;
        }
        dest[out + k] = accumulate ? dest[out + k] + y : y;
      }
    }
  }

  /** {@code clamp(x * scale + shift)} for the channels from {@code channel}. */
  private static FloatVector normalised(
      FloatVector x, float[] scale, float[] shift, int channel, int clampSign) {
    FloatVector y = x.mul(FloatVector.fromArray(SPECIES, scale, channel));
    return clamped(y.add(FloatVector.fromArray(SPECIES, shift, channel)), clampSign);
  }

  /**
   * The sign clamp as {@link BatchNormKernel#normalise} computes it: {@code (y + sign * |y|) *
   * 0.5}, or {@code y} where {@code clampSign} is 0.
   */
  private static FloatVector clamped(FloatVector y, int clampSign) {
    return clampSign == 0 ? y : y.add(y.abs().mul((float) clampSign)).mul(0.5f);
  }

  @Override
  public void place(
      float[] src,
      int from,
      int channels,
      int positions,
      float[] dest,
      int destOffset,
      int destStride,
      boolean accumulate) {
    if (destStride == channels) {
      channels *= positions;
      destStride = channels;
      positions = 1;
    }
    int whole = channels - channels % LANES;
    for (int p = 0; p < positions; p++) {
      int at = from + p * channels;
      int out = destOffset + p * destStride;
      if (!accumulate) {
        System.arraycopy(src, at, dest, out, channels);
        continue;
      }
      int k = 0;
      for (; k < whole; k += LANES) {
        FloatVector.fromArray(SPECIES, dest, out + k)
            .add(FloatVector.fromArray(SPECIES, src, at + k))
            .intoArray(dest, out + k);
      }
      for (; k < channels; k++) {
        dest[out + k] += src[at + k];
      }
    }
  }

  @Override
  public void scatter(
      FloatBuffer src,
      int from,
      int srcStride,
      int channels,
      int pixels,
      FloatBuffer target,
      int targetIndex) {
    MemorySegment in = segment(src);
    MemorySegment out = segment(target);
    int whole = channels - channels % LANES;
    for (int x = 0; x < pixels; x++) {
      int at = from + x * srcStride;
      int to = targetIndex + x * channels;
      int k = 0;
      for (; k < whole; k += LANES) {
        FloatVector.fromMemorySegment(SPECIES, in, (long) (at + k) * Float.BYTES, ORDER)
            .intoMemorySegment(out, (long) (to + k) * Float.BYTES, ORDER);
      }
      for (; k < channels; k++) {
        target.put(to + k, src.get(at + k));
      }
    }
  }

  @Override
  public int sumTiles(
      FloatBuffer data, int first, int length, int tile, float[] sum, float[] squares) {
    if (tile % LANES != 0) {
      return 0;
    }
    MemorySegment in = segment(data);
    int tiles = length / tile;
    int vectors = tile / LANES;
    long tileBytes = (long) tile * Float.BYTES;
    // chunks of tiles, small enough to stay in the L1 cache while their columns are summed four
    // vectors at a time in registers: each tile float's sum still adds the tiles in order
    for (int t0 = 0; t0 < tiles; t0 += SUM_CHUNK_TILES) {
      int count = Math.min(SUM_CHUNK_TILES, tiles - t0);
      long base = (long) (first + t0 * tile) * Float.BYTES;
      int v = 0;
      for (; v + 4 <= vectors; v += 4) {
        sumFourColumns(
            in, base + (long) v * LANES * Float.BYTES, tileBytes, count, sum, squares, v * LANES);
      }
      for (; v < vectors; v++) {
        sumColumn(
            in, base + (long) v * LANES * Float.BYTES, tileBytes, count, sum, squares, v * LANES);
      }
    }
    return tiles * tile;
  }

  /** Tiles per chunk of {@link #sumTiles}: 16 KB at 256 floats a tile. */
  private static final int SUM_CHUNK_TILES = 16;

  /** {@code sum[j, j + 4 * LANES)} and its squares over {@code count} tiles from {@code base}. */
  private static void sumFourColumns(
      MemorySegment in, long base, long stride, int count, float[] sum, float[] squares, int j) {
    FloatVector s0 = FloatVector.fromArray(SPECIES, sum, j);
    FloatVector s1 = FloatVector.fromArray(SPECIES, sum, j + LANES);
    FloatVector s2 = FloatVector.fromArray(SPECIES, sum, j + 2 * LANES);
    FloatVector s3 = FloatVector.fromArray(SPECIES, sum, j + 3 * LANES);
    FloatVector q0 = FloatVector.fromArray(SPECIES, squares, j);
    FloatVector q1 = FloatVector.fromArray(SPECIES, squares, j + LANES);
    FloatVector q2 = FloatVector.fromArray(SPECIES, squares, j + 2 * LANES);
    FloatVector q3 = FloatVector.fromArray(SPECIES, squares, j + 3 * LANES);
    long vectorBytes = (long) LANES * Float.BYTES;
    for (int t = 0; t < count; t++) {
      long at = base + t * stride;
      FloatVector x0 = FloatVector.fromMemorySegment(SPECIES, in, at, ORDER);
      FloatVector x1 = FloatVector.fromMemorySegment(SPECIES, in, at + vectorBytes, ORDER);
      FloatVector x2 = FloatVector.fromMemorySegment(SPECIES, in, at + 2 * vectorBytes, ORDER);
      FloatVector x3 = FloatVector.fromMemorySegment(SPECIES, in, at + 3 * vectorBytes, ORDER);
      s0 = s0.add(x0);
      s1 = s1.add(x1);
      s2 = s2.add(x2);
      s3 = s3.add(x3);
      q0 = q0.add(x0.mul(x0));
      q1 = q1.add(x1.mul(x1));
      q2 = q2.add(x2.mul(x2));
      q3 = q3.add(x3.mul(x3));
    }
    s0.intoArray(sum, j);
    s1.intoArray(sum, j + LANES);
    s2.intoArray(sum, j + 2 * LANES);
    s3.intoArray(sum, j + 3 * LANES);
    q0.intoArray(squares, j);
    q1.intoArray(squares, j + LANES);
    q2.intoArray(squares, j + 2 * LANES);
    q3.intoArray(squares, j + 3 * LANES);
  }

  /** {@code sum[j, j + LANES)} and its squares over {@code count} tiles from {@code base}. */
  private static void sumColumn(
      MemorySegment in, long base, long stride, int count, float[] sum, float[] squares, int j) {
    FloatVector s = FloatVector.fromArray(SPECIES, sum, j);
    FloatVector q = FloatVector.fromArray(SPECIES, squares, j);
    for (int t = 0; t < count; t++) {
      FloatVector x = FloatVector.fromMemorySegment(SPECIES, in, base + t * stride, ORDER);
      s = s.add(x);
      q = q.add(x.mul(x));
    }
    s.intoArray(sum, j);
    q.intoArray(squares, j);
  }

  @Override
  public int addTiles(
      float[] sum, float[] squares, int tile, int channels, double[] sums, double[] totalSquares) {
    if (HALF_FLOATS == null) {
      return 0;
    }
    int doubles = DOUBLES.length();
    int c = 0;
    // each total in a register while the tile's positions are added to it in order: float to
    // double is exact, so these are the loops' sums
    for (; c + doubles <= channels; c += doubles) {
      DoubleVector s = DoubleVector.fromArray(DOUBLES, sums, c);
      DoubleVector q = DoubleVector.fromArray(DOUBLES, totalSquares, c);
      for (int base = 0; base < tile; base += channels) {
        s = s.add(widened(sum, base + c));
        q = q.add(widened(squares, base + c));
      }
      s.intoArray(sums, c);
      q.intoArray(totalSquares, c);
    }
    return c;
  }

  /** {@code values[at, at + DOUBLES.length())} as doubles. */
  private static DoubleVector widened(float[] values, int at) {
    return (DoubleVector)
        FloatVector.fromArray(HALF_FLOATS, values, at)
            .convertShape(VectorOperators.F2D, DOUBLES, 0);
  }

  /**
   * The buffer's memory from its index 0, as its absolute get and put see it ({@code ofBuffer}
   * starts at the position). {@link LifKernel} passes only buffers in the native byte order.
   */
  private static MemorySegment segment(FloatBuffer buffer) {
    return MemorySegment.ofBuffer(buffer.duplicate().clear());
  }

  // The step's three loops, one for each kind of input: a JIT-compiled loop that branched on the
  // kind (and on the outputs) ran the single-term layers about 40% slower once a simulation had
  // used every kind, as C2 stops specialising one loop for several invariant conditions. Each
  // loop steps the membranes ({@link #fire}), stores the spikes and packs their bits alike.

  /** The step from {@code current[0, length)}. */
  private static long stepCurrent(
      float[] current,
      float[] membrane,
      MemorySegment out,
      long outBase,
      long[] words,
      int wordBase,
      int length,
      float decay,
      float threshold) {
    float margin = Math.ulp(threshold) / 4f;
    long count = 0;
    long word = 0;
    int bit = 0;
    int w = wordBase;
    for (int i = 0; i < length; i += LANES) {
      FloatVector c = FloatVector.fromArray(SPECIES, current, i);
      VectorMask<Float> fire = fire(c, membrane, i, decay, threshold, margin);
      ZERO.blend(ONE, fire).intoMemorySegment(out, outBase + (long) i * 4, ORDER);
      word |= fire.toLong() << bit;
      bit += LANES;
      if (bit == 64) {
        words[w++] = word;
        count += Long.bitCount(word);
        word = 0;
        bit = 0;
      }
    }
    return count;
  }

  /** The step from a convolution term alone, normalised in the loop. */
  private static long stepTerm(
      MemorySegment in,
      long inBase,
      float[] scale,
      float[] shift,
      int clampSign,
      int channels,
      float[] membrane,
      MemorySegment out,
      long outBase,
      long[] words,
      int wordBase,
      int length,
      float decay,
      float threshold) {
    float margin = Math.ulp(threshold) / 4f;
    long count = 0;
    long word = 0;
    int bit = 0;
    int w = wordBase;
    int channel = 0;
    for (int i = 0; i < length; i += LANES) {
      FloatVector x = FloatVector.fromMemorySegment(SPECIES, in, inBase + (long) i * 4, ORDER);
      FloatVector c = normalised(x, scale, shift, channel, clampSign);
      channel += LANES;
      if (channel == channels) {
        channel = 0;
      }
      VectorMask<Float> fire = fire(c, membrane, i, decay, threshold, margin);
      ZERO.blend(ONE, fire).intoMemorySegment(out, outBase + (long) i * 4, ORDER);
      word |= fire.toLong() << bit;
      bit += LANES;
      if (bit == 64) {
        words[w++] = word;
        count += Long.bitCount(word);
        word = 0;
        bit = 0;
      }
    }
    return count;
  }

  /** The step from {@code current[0, length)} plus a convolution term normalised in the loop. */
  private static long stepTermAdded(
      MemorySegment in,
      long inBase,
      float[] scale,
      float[] shift,
      int clampSign,
      int channels,
      float[] current,
      float[] membrane,
      MemorySegment out,
      long outBase,
      long[] words,
      int wordBase,
      int length,
      float decay,
      float threshold) {
    float margin = Math.ulp(threshold) / 4f;
    long count = 0;
    long word = 0;
    int bit = 0;
    int w = wordBase;
    int channel = 0;
    for (int i = 0; i < length; i += LANES) {
      FloatVector x = FloatVector.fromMemorySegment(SPECIES, in, inBase + (long) i * 4, ORDER);
      FloatVector c =
          FloatVector.fromArray(SPECIES, current, i)
              .add(normalised(x, scale, shift, channel, clampSign));
      channel += LANES;
      if (channel == channels) {
        channel = 0;
      }
      VectorMask<Float> fire = fire(c, membrane, i, decay, threshold, margin);
      ZERO.blend(ONE, fire).intoMemorySegment(out, outBase + (long) i * 4, ORDER);
      word |= fire.toLong() << bit;
      bit += LANES;
      if (bit == 64) {
        words[w++] = word;
        count += Long.bitCount(word);
        word = 0;
        bit = 0;
      }
    }
    return count;
  }

  /**
   * The membranes {@code membrane[i, i + LANES)} stepped with input {@code c}: {@code v = u + (c -
   * u) * decay}, the mask of {@code v - threshold + margin > 0} (H), and {@code u = v * (1 - s)}
   * stored back.
   */
  private static VectorMask<Float> fire(
      FloatVector c, float[] membrane, int i, float decay, float threshold, float margin) {
    FloatVector m = FloatVector.fromArray(SPECIES, membrane, i);
    FloatVector v = m.add(c.sub(m).mul(decay));
    VectorMask<Float> fire = v.sub(threshold).add(margin).compare(VectorOperators.GT, 0f);
    v.mul(ONE.sub(ZERO.blend(ONE, fire))).intoArray(membrane, i);
    return fire;
  }

  @Override
  public String toString() {
    return SPECIES.vectorBitSize() + "-bit vectors, " + LANES + " floats";
  }
}
