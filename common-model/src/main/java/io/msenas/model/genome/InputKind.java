package io.msenas.model.genome;

/**
 * The kind of input a search space is built for. It decides where the reduction cells sit (see
 * {@link SearchSpace#reductionCells()}): static images are reduced at L/4, L/2, 3L/4, event data at
 * L/6, L/2, 5L/6.
 *
 * <p>Immutable and thread-safe.
 */
public enum InputKind {
  /** Static images (MNIST, CIFAR), direct-encoded: the analog image is fed at every time step. */
  STATIC_IMAGE,
  /** Event data (DVS), binned into one frame of counts per time step, 2 polarity channels. */
  EVENTS
}
