package io.msenas.api.store;

import java.util.UUID;

/**
 * An individual without its genome and evaluation result: what the listings and the lineage read. A
 * stored result carries the B x B RDM (16,384 numbers at the paper preset's batch of 128), so
 * reading whole rows made a lineage of a few thousand individuals read about a gigabyte; a query
 * returning this closed projection selects these columns only.
 */
public interface IndividualRow {

  UUID getId();

  String getLabel();

  int getGeneration();

  String getStatus();

  Double getFitness();

  Double getWidthNormalised();

  Long getParameterCount();

  String getCanonicalHash();
}
