/** Named bundles of search and fitness defaults ({@link io.msenas.model.preset.Preset}). */
package io.msenas.model.preset;
