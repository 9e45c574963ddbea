package io.msenas.worker.simulation;

import io.msenas.worker.network.Phenotype.Clamp;
import io.msenas.worker.simulation.BatchNormKernel.Affine;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A node's value held as the terms the program wrote into it, in program order, and computed only
 * where a LIF layer reads it: a block at a time, while that block is in cache.
 *
 * <p>Why: a convolution's output must be read once for its batch statistics before any of it can be
 * normalised. Written out as a node tensor, every value then crossed memory three more times (read
 * to normalise, written into the node, read by the LIF layer). Kept as terms, the LIF layer reads
 * the convolution's output once and normalises, clamps and sums it in the same pass.
 *
 * <p>The arithmetic is that of writing the node out step by step: a term that overwrites sets its
 * channels, one that adds is added to them, in program order, with the same float operations; an
 * identity edge that adds a node adds that node's value, computed first (float addition does not
 * associate). Values are immutable: a feedback edge added to a node makes a new value, and readers
 * that took the old one keep it.
 */
final class NodeValue {

  /** One write into the node. */
  sealed interface Term permits Normalised, Dense, Nested, Zeros {}

  /**
   * A convolution's output normalised with its batch statistics and clamped, written into channels
   * [offset, offset + channels) of the node.
   */
  record Normalised(ConvOutput output, int offset, boolean overwrite) implements Term {}

  /**
   * Values already computed (the stem's): every channel, overwriting.
   *
   * @param timeInvariant one row per sample for all steps instead of T*B rows
   */
  record Dense(float[] values, boolean timeInvariant) implements Term {}

  /** Another node's value (an identity edge). */
  record Nested(NodeValue value, boolean overwrite) implements Term {}

  /** Every channel set to 0 (the zero node of an empty motif). */
  record Zeros() implements Term {}

  /**
   * A convolution's output (NHWC, T*B rows) and the BatchNorm and clamp that turn it into a term.
   */
  static final class ConvOutput {
    private final FloatBuffer data;
    private final int channels;
    private final int pixels;
    private final Clamp clamp;
    private final Affine affine;
    private float[] scale = new float[0];
    private float[] shift = new float[0];

    ConvOutput(FloatBuffer data, int pixels, Clamp clamp, Affine affine) {
      this.data = data;
      this.channels = affine.channels();
      this.pixels = pixels;
      this.clamp = clamp;
      this.affine = affine;
    }

    /** 1 for an excitatory clamp, -1 for an inhibitory one, 0 for none ({@link VectorKernel}). */
    int clampSign() {
      return clamp == Clamp.EXCITATORY ? 1 : clamp == Clamp.INHIBITORY ? -1 : 0;
    }

    /** Makes the repeated constants long enough for blocks of {@code positions}. */
    void prepare(int positions) {
      int length = positions * channels;
      if (scale.length < length) {
        scale = affine.repeatedScale(length);
        shift = affine.repeatedShift(length);
      }
    }
  }

  private final int channels;
  private final int pixels;
  private final List<Term> terms;

  private NodeValue(int channels, int pixels, List<Term> terms) {
    this.channels = channels;
    this.pixels = pixels;
    this.terms = List.copyOf(terms);
  }

  /** A node of {@code pixels} x {@code channels} per row with nothing written yet. */
  static NodeValue empty(int pixels, int channels) {
    return new NodeValue(channels, pixels, List.of());
  }

  /** Heap values, [rows, pixels, channels] (rows = samples when time-invariant). */
  static NodeValue dense(float[] values, int pixels, int channels, boolean timeInvariant) {
    return new NodeValue(channels, pixels, List.of(new Dense(values, timeInvariant)));
  }

  int channels() {
    return channels;
  }

  /**
   * This value with {@code term} written after the others. A term that overwrites every channel
   * replaces them: they are never read again, and their buffers may go back to the pool.
   */
  NodeValue plus(Term term) {
    boolean overwrites;
    boolean wholeNode;
    if (term instanceof Normalised n) {
      overwrites = n.overwrite();
      wholeNode = coversWholeNode(n.offset(), n.output().channels, channels);
    } else if (term instanceof Nested n) {
      overwrites = n.overwrite();
      wholeNode = true;
    } else {
      overwrites = true; // Dense and Zeros set every channel
      wholeNode = true;
    }
    if (terms.isEmpty() && !overwrites) {
      throw new IllegalStateException("a node is added to before anything is written into it");
    }
    List<Term> next = new ArrayList<>(terms.size() + 1);
    if (!(overwrites && wholeNode)) {
      next.addAll(terms);
    }
    next.add(term);
    return new NodeValue(channels, pixels, next);
  }

  /**
   * Whether a write into channels [offset, offset + termChannels) covers a node of {@code
   * nodeChannels}: overwriting, it replaces everything written before (the simulator's buffer
   * lifetimes follow the same rule).
   */
  static boolean coversWholeNode(int offset, int termChannels, int nodeChannels) {
    return offset == 0 && termChannels == nodeChannels;
  }

  /**
   * This value's terms as {@link VectorKernel} reads them, or null where it cannot: a term that
   * writes only some channels (a factorized reduce's half), another node's value (an identity edge)
   * or zeros.
   */
  VectorKernel.Term[] vectorTerms() {
    VectorKernel.Term[] out = new VectorKernel.Term[terms.size()];
    for (int k = 0; k < out.length; k++) {
      Term term = terms.get(k);
      if (term instanceof Normalised n && n.output().channels == channels) {
        ConvOutput o = n.output();
        out[k] =
            new VectorKernel.Term(
                o.data,
                null,
                o.pixels,
                false,
                o.affine.scale(),
                o.affine.shift(),
                o.clampSign(),
                n.overwrite());
      } else if (term instanceof Dense d) {
        out[k] =
            new VectorKernel.Term(null, d.values(), pixels, d.timeInvariant(), null, null, 0, true);
      } else {
        return null;
      }
    }
    return out;
  }

  /** Whether every convolution output this value reads holds its floats in the native order. */
  boolean nativeOrder() {
    for (Term term : terms) {
      if (term instanceof Normalised n
          && n.output().data.order() != java.nio.ByteOrder.nativeOrder()) {
        return false;
      }
      if (term instanceof Nested n && !n.value().nativeOrder()) {
        return false;
      }
    }
    return true;
  }

  /** Readies every convolution term for blocks of up to {@code positions} (single-threaded). */
  void prepare(int positions) {
    for (Term term : terms) {
      if (term instanceof Normalised n) {
        n.output().prepare(positions);
      } else if (term instanceof Nested n) {
        n.value().prepare(positions);
      }
    }
  }

  /**
   * Computes pixels [first, first + positions) of one row into {@code dest[0, positions *
   * channels)}.
   *
   * @param row the row, t * B + b
   * @param sample b: the row of time-invariant terms
   * @param depth nesting depth: which of the scratch arrays this call may use
   */
  void read(
      int row, int sample, int first, int positions, float[] dest, Scratch scratch, int depth) {
    int length = positions * channels;
    for (Term term : terms) {
      if (term instanceof Normalised n) {
        readNormalised(n, row, first, positions, dest, scratch, depth);
      } else if (term instanceof Dense d) {
        int source = d.timeInvariant() ? sample : row;
        System.arraycopy(d.values(), (source * pixels + first) * channels, dest, 0, length);
      } else if (term instanceof Nested n) {
        float[] inner = scratch.array(depth, 1, length);
        n.value().read(row, sample, first, positions, inner, scratch, depth + 1);
        if (n.overwrite()) {
          System.arraycopy(inner, 0, dest, 0, length);
        } else {
          for (int k = 0; k < length; k++) {
            dest[k] += inner[k];
          }
        }
      } else {
        Arrays.fill(dest, 0, length, 0f); // Zeros
      }
    }
  }

  /**
   * {@link #read} through the vector kernel, into a strided block: position p's channels go to
   * {@code dest[destOffset + p * destStride, ... + channels)} (a concatenation's part of each
   * pixel), without the copies in between. The same values, bit for bit.
   */
  void read(
      VectorKernel kernel,
      int row,
      int sample,
      int first,
      int positions,
      float[] dest,
      int destOffset,
      int destStride,
      Scratch scratch,
      int depth) {
    for (Term term : terms) {
      if (term instanceof Normalised n) {
        ConvOutput o = n.output();
        kernel.normalise(
            o.data,
            (row * o.pixels + first) * o.channels,
            o.affine.scale(),
            o.affine.shift(),
            o.clampSign(),
            o.channels,
            positions,
            dest,
            destOffset + n.offset(),
            destStride,
            !n.overwrite());
      } else if (term instanceof Dense d) {
        int source = d.timeInvariant() ? sample : row;
        kernel.place(
            d.values(),
            (source * pixels + first) * channels,
            channels,
            positions,
            dest,
            destOffset,
            destStride,
            false);
      } else if (term instanceof Nested n) {
        // the other node's value first, then written or added (float addition does not associate)
        float[] inner = scratch.array(depth, 1, positions * channels);
        n.value()
            .read(kernel, row, sample, first, positions, inner, 0, channels, scratch, depth + 1);
        kernel.place(inner, 0, channels, positions, dest, destOffset, destStride, !n.overwrite());
      } else {
        for (int p = 0; p < positions; p++) { // Zeros
          int at = destOffset + p * destStride;
          Arrays.fill(dest, at, at + channels, 0f);
        }
      }
    }
  }

  private void readNormalised(
      Normalised term,
      int row,
      int first,
      int positions,
      float[] dest,
      Scratch scratch,
      int depth) {
    ConvOutput output = term.output();
    int c = output.channels;
    int length = positions * c;
    float[] in = scratch.array(depth, 0, length);
    output.data.get((row * output.pixels + first) * c, in, 0, length);
    if (c == channels) {
      BatchNormKernel.normalise(
          in, dest, length, output.scale, output.shift, output.clamp, !term.overwrite());
      return;
    }
    // part of the node's channels (a factorized reduce's half): normalised in place, then placed
    BatchNormKernel.normalise(in, in, length, output.scale, output.shift, output.clamp, false);
    for (int p = 0; p < positions; p++) {
      int at = p * c;
      int out = p * channels + term.offset();
      if (term.overwrite()) {
        System.arraycopy(in, at, dest, out, c);
      } else {
        for (int k = 0; k < c; k++) {
          dest[out + k] += in[at + k];
        }
      }
    }
  }

  /** One thread's scratch arrays, by nesting depth and slot, grown on demand. */
  static final class Scratch {
    private float[][] arrays = new float[4][];

    float[] array(int depth, int slot, int length) {
      int index = depth * 2 + slot;
      if (index >= arrays.length) {
        arrays = Arrays.copyOf(arrays, index * 2);
      }
      float[] array = arrays[index];
      if (array == null || array.length < length) {
        array = arrays[index] = new float[length];
      }
      return array;
    }
  }
}
