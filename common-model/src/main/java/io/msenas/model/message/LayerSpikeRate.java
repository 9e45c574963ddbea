package io.msenas.model.message;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * The measured activity of one LIF layer during an evaluation, for cost estimates (synaptic
 * operations) and diagnostics.
 *
 * <p>Immutable and thread-safe.
 *
 * @param layer the layer's name in the phenotype graph ({@code "cell2.n4<-n3"}), never blank
 * @param instances how many edges share this layer's LIF, {@code > 0}
 * @param neurons neurons per instance and sample (C x H x W), {@code > 0}
 * @param rate mean spike rate in spikes per neuron per time step, in {@code [0, 1]}
 */
public record LayerSpikeRate(
    @NotBlank String layer, @Positive int instances, @Positive int neurons, double rate) {

  /** Validates the fields. */
  public LayerSpikeRate {
    Checks.requireNonBlank(layer, "layer");
    Checks.requirePositive(instances, "instances");
    Checks.requirePositive(neurons, "neurons");
    // a neuron spikes at most once per step, so a rate above 1 is a measurement bug
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(
          "spike rate of layer " + layer + " must be in [0, 1], was " + rate);
    }
  }
}
