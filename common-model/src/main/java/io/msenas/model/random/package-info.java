/** Seeds of independent random streams ({@link io.msenas.model.random.SeedStreams}). */
package io.msenas.model.random;
