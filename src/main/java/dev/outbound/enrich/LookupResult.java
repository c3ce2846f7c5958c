package dev.outbound.enrich;

import org.jspecify.annotations.Nullable;

/**
 * Lookup's answer for one number: the line type (null when Lookup could not tell) and the
 * enrichment payload as stored ({@code line_type}, {@code carrier_name}, {@code mcc}, {@code mnc},
 * {@code error_code}).
 */
record LookupResult(@Nullable String lineType, String payloadJson) {}
