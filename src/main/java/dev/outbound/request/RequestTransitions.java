package dev.outbound.request;

import dev.outbound.api.IllegalTransition;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The request lifecycle, in one table. SQL that changes a status repeats the expected status in
 * its WHERE clause, so a change that lost a race updates nothing instead of going backwards.
 */
final class RequestTransitions {
    private static final Map<RequestStatus, Set<RequestStatus>> ALLOWED = Map.of(
            RequestStatus.PENDING,
                    EnumSet.of(
                            RequestStatus.INITIATED,
                            RequestStatus.CANCELED,
                            RequestStatus.SKIPPED,
                            RequestStatus.FAILED),
            // INITIATED -> SKIPPED: the provider dropped the message for an earlier bounce,
            // unsubscribe or spam report it knew of (PRIOR_*), so it never went out.
            RequestStatus.INITIATED,
                    EnumSet.of(
                            RequestStatus.CONNECTED,
                            RequestStatus.COMPLETED,
                            RequestStatus.FAILED,
                            RequestStatus.PENDING,
                            RequestStatus.SKIPPED),
            RequestStatus.CONNECTED, EnumSet.of(RequestStatus.COMPLETED, RequestStatus.FAILED),
            RequestStatus.COMPLETED, EnumSet.noneOf(RequestStatus.class),
            RequestStatus.FAILED, EnumSet.noneOf(RequestStatus.class),
            RequestStatus.CANCELED, EnumSet.noneOf(RequestStatus.class),
            RequestStatus.DUPLICATE, EnumSet.noneOf(RequestStatus.class),
            RequestStatus.INVALID, EnumSet.noneOf(RequestStatus.class),
            RequestStatus.SKIPPED, EnumSet.noneOf(RequestStatus.class));
    /**
     * The final statuses a callback brings back to PENDING: a request that was attempted (or
     * skipped by a rule) may be attempted again when someone asks for it. Only a change with reason
     * {@link RequestReason#CALLBACK_SCHEDULED} takes these edges, so no outcome, expiry or bulk
     * change can revive a final request.
     */
    private static final Set<RequestStatus> CALLBACK_FROM =
            EnumSet.of(RequestStatus.COMPLETED, RequestStatus.FAILED, RequestStatus.SKIPPED);

    private RequestTransitions() {}

    static boolean allowed(RequestStatus from, RequestStatus to) {
        return ALLOWED.getOrDefault(from, Set.of()).contains(to);
    }

    /** {@link #allowed(RequestStatus, RequestStatus)}, or a callback's way back to PENDING. */
    static boolean allowed(RequestStatus from, RequestStatus to, @Nullable RequestReason reason) {
        return allowed(from, to)
                || (reason == RequestReason.CALLBACK_SCHEDULED
                        && to == RequestStatus.PENDING
                        && CALLBACK_FROM.contains(from));
    }

    /** Whether a callback may bring a request in {@code status} back to PENDING. */
    static boolean callbackAllowed(RequestStatus status) {
        return status == RequestStatus.PENDING
                || allowed(status, RequestStatus.PENDING, RequestReason.CALLBACK_SCHEDULED);
    }

    static void check(RequestStatus from, RequestStatus to) {
        check(from, to, null);
    }

    static void check(RequestStatus from, RequestStatus to, @Nullable RequestReason reason) {
        if (!allowed(from, to, reason)) {
            throw new IllegalTransition("request", from.name(), to.name());
        }
    }

    /** No ordinary change leaves it (a callback still may, see {@link #CALLBACK_FROM}). */
    static boolean isFinal(RequestStatus status) {
        return ALLOWED.getOrDefault(status, Set.of()).isEmpty();
    }
}
