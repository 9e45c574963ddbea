package io.msenas.worker.service;

/** How the worker scores a task; configuration key {@code mse-nas.worker.fitness-mode}. */
enum FitnessMode {
  /**
   * The real fitness: build the network, simulate it, score it with the fitness function the task
   * names (rdm-hamming, rdm-pearson, sahd-logdet, rsa-labels).
   */
  RDM,
  /**
   * For measuring the system's overhead only (queueing, JSON, confirms, database): answers a
   * deterministic SUCCEEDED result derived from the genome's canonical hash, without simulating.
   * Its scores mean nothing; never use it for a real search.
   */
  NOOP
}
