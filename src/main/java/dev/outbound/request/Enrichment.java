package dev.outbound.request;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What is stored about a request's target beyond its address.
 *
 * @param lineType Twilio line type: from Lookup when it answered, else libphonenumber's, else null
 * @param payloadJson the Lookup payload (line_type, carrier_name, mcc, mnc, error_code); null until
 *     a lookup answered
 * @param createdAt when the request was added, for the lookup grace period
 */
public record Enrichment(
        long requestId, @Nullable String lineType, @Nullable String payloadJson, Instant createdAt) {}
