package dev.outbound.request;

/** A target as stored: normalised (E.164 or lower-cased email domain) when valid, as given when not. */
public record Target(String value, boolean valid) {}
