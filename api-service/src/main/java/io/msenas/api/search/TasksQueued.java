package io.msenas.api.search;

/**
 * Published inside a transaction that wrote outbox rows: the relay flushes them once it commits.
 */
public record TasksQueued(int count) {}
