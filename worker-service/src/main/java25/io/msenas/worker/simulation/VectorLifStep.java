package io.msenas.worker.simulation;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorStep} with the Vector API (Java 25, {@code jdk.incubator.vector}). Every float
 * operation is the one the Java 17 loops do, in the same order (no fused multiply-add), so the
 * spikes and membranes are the same bit for bit for finite inputs; {@code VectorLifStepTest} holds
 * the two kernels equal, and {@link VectorStep.Loader#selfCheck} checks each JVM's kernel.
 *
 * <p>The step function: for a normal threshold, {@code e = v - threshold + ulp(threshold) / 4} is
 * never 0 and has the sign of H's answer ({@link LifKernel#step} proves it), so {@code e > 0} is H.
 */
final class VectorLifStep implements VectorStep {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();

  VectorLifStep() {
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
      FloatBuffer full,
      int fullOffset,
      float[] spikes,
      long[] words,
      int wordBase,
      int length,
      float decay,
      float threshold) {
    MemorySegment out = full == null ? null : segment(full);
    long outBase = (long) fullOffset * Float.BYTES;
    if (source == null) {
      return run(
          null, 0, null, null, 0, current, membrane, out, outBase, spikes, words, wordBase, length,
          decay, threshold);
    }
    // the node's block is contiguous in every term, as in the layer's block
    int channels = source.channels();
    Term[] terms = source.terms();
    if (terms.length == 1 && terms[0].data() != null) {
      Term term = terms[0];
      long base = (long) (row * term.pixels() + firstPixel) * channels * Float.BYTES;
      return run(
          segment(term.data()),
          base,
          term.scale(),
          term.shift(),
          term.clampSign(),
          null,
          membrane,
          out,
          outBase,
          spikes,
          words,
          wordBase,
          length,
          decay,
          threshold);
    }
    // several terms (or values as they are): summed into `current` in program order, then stepped
    for (int k = 0; k < terms.length; k++) {
      Term term = terms[k];
      boolean overwrite = k == 0 || term.overwrite();
      if (term.data() != null) {
        long base = (long) (row * term.pixels() + firstPixel) * channels * Float.BYTES;
        normalise(
            segment(term.data()),
            base,
            term.scale(),
            term.shift(),
            term.clampSign(),
            current,
            overwrite,
            length);
      } else {
        int r = term.timeInvariant() ? sample : row;
        int base = (r * term.pixels() + firstPixel) * channels;
        if (overwrite) {
          System.arraycopy(term.values(), base, current, 0, length);
        } else {
          add(term.values(), base, current, length);
        }
      }
    }
    return run(
        null, 0, null, null, 0, current, membrane, out, outBase, spikes, words, wordBase, length,
        decay, threshold);
  }

  /**
   * The buffer's memory from its index 0, as its absolute get and put see it ({@code ofBuffer}
   * starts at the position). {@link LifKernel} passes only buffers in the native byte order.
   */
  private static MemorySegment segment(FloatBuffer buffer) {
    return MemorySegment.ofBuffer(buffer.duplicate().clear());
  }

  /** {@code current[i] (+)= clamp(x[i] * scale[i] + shift[i])}, x in native memory. */
  private static void normalise(
      MemorySegment in,
      long base,
      float[] scale,
      float[] shift,
      int clampSign,
      float[] current,
      boolean overwrite,
      int length) {
    float sign = clampSign;
    for (int i = 0; i < length; i += LANES) {
      FloatVector y = FloatVector.fromMemorySegment(SPECIES, in, base + (long) i * 4, ORDER);
      // BatchNormKernel.normalise: y = x * scale + shift, then (y + sign * |y|) * 0.5 for a clamp
      y = y.mul(FloatVector.fromArray(SPECIES, scale, i));
      y = y.add(FloatVector.fromArray(SPECIES, shift, i));
      if (clampSign != 0) {
        y = y.add(y.abs().mul(sign)).mul(0.5f);
      }
      if (!overwrite) {
        y = FloatVector.fromArray(SPECIES, current, i).add(y);
      }
      y.intoArray(current, i);
    }
  }

  private static void add(float[] values, int base, float[] current, int length) {
    for (int i = 0; i < length; i += LANES) {
      FloatVector.fromArray(SPECIES, current, i)
          .add(FloatVector.fromArray(SPECIES, values, base + i))
          .intoArray(current, i);
    }
  }

  /**
   * The step over the block, its outputs and its bits. The input is {@code in} normalised (where
   * not null) or {@code current}. One loop, no calls: the vectors stay in registers.
   */
  private static long run(
      MemorySegment in,
      long inBase,
      float[] scale,
      float[] shift,
      int clampSign,
      float[] current,
      float[] membrane,
      MemorySegment out,
      long outBase,
      float[] spikes,
      long[] words,
      int wordBase,
      int length,
      float decay,
      float threshold) {
    float margin = Math.ulp(threshold) / 4f;
    float sign = clampSign;
    FloatVector zero = FloatVector.zero(SPECIES);
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    long count = 0;
    long word = 0;
    int bit = 0;
    int w = wordBase;
    for (int i = 0; i < length; i += LANES) {
      FloatVector c;
      if (in != null) {
        FloatVector y = FloatVector.fromMemorySegment(SPECIES, in, inBase + (long) i * 4, ORDER);
        y = y.mul(FloatVector.fromArray(SPECIES, scale, i));
        y = y.add(FloatVector.fromArray(SPECIES, shift, i));
        c = clampSign == 0 ? y : y.add(y.abs().mul(sign)).mul(0.5f);
      } else {
        c = FloatVector.fromArray(SPECIES, current, i);
      }
      FloatVector m = FloatVector.fromArray(SPECIES, membrane, i);
      FloatVector v = m.add(c.sub(m).mul(decay));
      FloatVector e = v.sub(threshold).add(margin);
      VectorMask<Float> fire = e.compare(VectorOperators.GT, 0f);
      FloatVector s = zero.blend(one, fire);
      v.mul(one.sub(s)).intoArray(membrane, i);
      if (out != null) {
        s.intoMemorySegment(out, outBase + (long) i * 4, ORDER);
      }
      if (spikes != null) {
        s.intoArray(spikes, i);
      }
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

  @Override
  public String toString() {
    return SPECIES.vectorBitSize() + "-bit vectors, " + LANES + " floats";
  }
}
