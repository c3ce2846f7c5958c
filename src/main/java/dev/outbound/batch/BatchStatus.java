package dev.outbound.batch;

import java.util.Arrays;
import java.util.List;

/** A batch's lifecycle state; the names are the contract's BatchStatus values. */
public enum BatchStatus {
    /** Created; nothing attempted yet. May be on hold, may still be waiting for its call list. */
    PENDING,
    /** Dispatching, or ready to as soon as hours, rate and hold allow. */
    ACTIVE,
    /** Put on hold ({@code paused}) after it was active; no new attempt starts. */
    PAUSED,
    /** The call list upload failed ({@code error_message} says why); a new upload is accepted. */
    FAILED,
    /** Deleted: no new attempt starts and waiting requests were canceled. */
    CANCELED,
    /** Past {@code expires_on}: no new attempt starts and never-attempted requests were canceled. */
    EXPIRED;

    public static final List<String> NAMES =
            Arrays.stream(values()).map(Enum::name).toList();
}
