package io.msenas.api.search;

/**
 * An evaluation gave up after its last attempt: its task payload goes to the dead-letter queue
 * after commit.
 */
public record TaskDeadLettered(String payload, String reason) {}
