package dev.outbound.request;

/** A waiting phone request whose number has not been looked up yet. */
public record LookupWork(long requestId, long batchPk, String e164) {}
