package io.msenas.worker.fitness;

/**
 * What a fitness function makes of one batch.
 *
 * @param score the batch's score, finite; larger is better
 * @param widthNormalisedScore the score with each layer's contribution divided by its width, or
 *     {@code null} when the function has none (it is already independent of width)
 * @param rdm the batch's B x B dissimilarity matrix, row-major, as the function defines it
 */
public record BatchScore(double score, Double widthNormalisedScore, double[] rdm) {}
