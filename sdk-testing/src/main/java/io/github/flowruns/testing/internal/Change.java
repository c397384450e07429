package io.github.flowruns.testing.internal;

/**
 * One entry of the store's log of status changes: a run created ({@code from} null) or moved from
 * one status to another at {@code atMs} of the simulator's clock.
 */
public record Change(String runId, Status from, Status to, long atMs) {}
