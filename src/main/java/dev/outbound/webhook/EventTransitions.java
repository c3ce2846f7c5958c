package dev.outbound.webhook;

import static dev.outbound.webhook.EventStatus.DEAD;
import static dev.outbound.webhook.EventStatus.DELIVERED;
import static dev.outbound.webhook.EventStatus.PENDING;

import dev.outbound.api.IllegalTransition;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The webhook event lifecycle, in one table. {@link EventStatusWriter} makes every status change
 * and repeats the expected current status in SQL, so two racing changes cannot both apply.
 * PENDING to PENDING is a retry after a failed attempt, or a redelivery of an event still waiting.
 */
final class EventTransitions {
    private static final Map<EventStatus, Set<EventStatus>> ALLOWED = Map.of(
            PENDING, EnumSet.of(PENDING, DELIVERED, DEAD),
            DELIVERED, EnumSet.of(PENDING),
            DEAD, EnumSet.of(PENDING));

    /** The status a node leases events in; every attempt's result starts from it. */
    static final EventStatus SENDABLE = PENDING;

    /** Statuses no attempt follows; such events are purged after the retention. */
    static final Set<EventStatus> AT_REST = EnumSet.of(DELIVERED, DEAD);

    private EventTransitions() {}

    static boolean allowed(EventStatus from, EventStatus to) {
        return ALLOWED.getOrDefault(from, Set.of()).contains(to);
    }

    static void check(EventStatus from, EventStatus to) {
        if (!allowed(from, to)) {
            throw new IllegalTransition("webhook event", from.name(), to.name());
        }
    }

    /** The statuses an event may reach {@code to} from. */
    static Set<EventStatus> sources(EventStatus to) {
        var from = EnumSet.noneOf(EventStatus.class);
        ALLOWED.forEach((f, targets) -> {
            if (targets.contains(to)) {
                from.add(f);
            }
        });
        return from;
    }
}
