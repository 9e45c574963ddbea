/**
 * The genotype of MSE-NAS and how it decodes: {@link io.msenas.model.genome.SearchSpace} (gene
 * layout, bounds, validation, canonical form, content hash), {@link io.msenas.model.genome.Genome}
 * (the flat vector), and {@link io.msenas.model.genome.MotifCatalogue} (the circuit templates a
 * cell instantiates). Everything here is an immutable value; no type holds mutable state.
 */
package io.msenas.model.genome;
