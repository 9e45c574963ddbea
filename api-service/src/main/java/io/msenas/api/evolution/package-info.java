/**
 * The evolution engine of MSE-NAS: NSGA-II over flat integer genomes (docs/algorithm.md section 4),
 * pure Java, deterministic from the seed, with no clock, threads or I/O.
 *
 * <p>The public surface is {@link io.msenas.api.evolution.EvolutionEngine}, its settings ({@link
 * io.msenas.api.evolution.EvolutionSettings}) and the value records it takes and returns ({@link
 * io.msenas.api.evolution.Candidate}, {@link io.msenas.api.evolution.EvaluatedCandidate}, {@link
 * io.msenas.api.evolution.GenerationPlan} and friends). The operators (tournament, two-point
 * crossover, integer polynomial mutation, non-dominated sorting, crowding, survival) are
 * package-private implementation types.
 */
package io.msenas.api.evolution;
