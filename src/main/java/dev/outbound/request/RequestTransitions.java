package dev.outbound.request;

import dev.outbound.api.IllegalTransition;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

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
            RequestStatus.INITIATED,
                    EnumSet.of(
                            RequestStatus.CONNECTED,
                            RequestStatus.COMPLETED,
                            RequestStatus.FAILED,
                            RequestStatus.PENDING),
            RequestStatus.CONNECTED, EnumSet.of(RequestStatus.COMPLETED, RequestStatus.FAILED),
            RequestStatus.COMPLETED, EnumSet.noneOf(RequestStatus.class),
            RequestStatus.FAILED, EnumSet.noneOf(RequestStatus.class),
            RequestStatus.CANCELED, EnumSet.noneOf(RequestStatus.class),
            RequestStatus.DUPLICATE, EnumSet.noneOf(RequestStatus.class),
            RequestStatus.INVALID, EnumSet.noneOf(RequestStatus.class),
            RequestStatus.SKIPPED, EnumSet.noneOf(RequestStatus.class));

    private RequestTransitions() {}

    static boolean allowed(RequestStatus from, RequestStatus to) {
        return ALLOWED.getOrDefault(from, Set.of()).contains(to);
    }

    static void check(RequestStatus from, RequestStatus to) {
        if (!allowed(from, to)) {
            throw new IllegalTransition("request", from.name(), to.name());
        }
    }

    static boolean isFinal(RequestStatus status) {
        return ALLOWED.getOrDefault(status, Set.of()).isEmpty();
    }
}
