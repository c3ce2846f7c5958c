package dev.outbound.api;

import java.io.IOException;

/** Thrown while reading a JSON body that passes the configured limit. */
final class BodyTooLarge extends IOException {
    BodyTooLarge(long limit) {
        super("The request body is larger than " + limit + " bytes (OUTBOUND_MAX_JSON_BODY_BYTES)");
    }
}
