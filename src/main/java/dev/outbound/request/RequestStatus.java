package dev.outbound.request;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Where a request stands. The names are the contract's RequestStatus values. */
public enum RequestStatus {
    /** Waiting to be attempted: never tried yet, or waiting for its next retry. */
    PENDING,
    /** Final: its reference id appeared earlier in the same batch; the first row wins. */
    DUPLICATE,
    /** Handed to the channel (a call placed, a message sent); the outcome is not known yet. */
    INITIATED,
    /** The person was reached: the call was answered or the message delivered. */
    CONNECTED,
    /** Final: the conversation ended after connecting. */
    COMPLETED,
    /** Final: not reached after every allowed attempt, or the channel refused the target. */
    FAILED,
    /** Final: the batch was deleted or expired, or the request removed, before it was attempted. */
    CANCELED,
    /** Final: the target is not a valid phone number (or email address for email campaigns). */
    INVALID,
    /** Final: filtered out before dialling (e.g. by the campaign's line-type filters). */
    SKIPPED;

    /** The statuses of a request a channel is working on: it holds a lease and an open attempt. */
    public static final Set<RequestStatus> IN_FLIGHT = Collections.unmodifiableSet(EnumSet.of(INITIATED, CONNECTED));

    public static final List<String> NAMES =
            Arrays.stream(values()).map(Enum::name).toList();

    public boolean inFlight() {
        return IN_FLIGHT.contains(this);
    }

    public static @Nullable RequestStatus parse(String s) {
        for (RequestStatus r : values()) {
            if (r.name().equalsIgnoreCase(s.trim())) {
                return r;
            }
        }
        return null;
    }
}
