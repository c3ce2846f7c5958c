package dev.outbound.request;

import dev.outbound.store.Instants;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/** Several changes of requests recorded at once, as the one move each request makes. */
final class Changes {
    private Changes() {}

    /**
     * Checks each change against {@link RequestTransitions} and against the change before it of
     * the same request (each must start where the one before ended), and answers each request's
     * last change restated from where its first one started, in the order requests first appear.
     */
    static List<Change> collapse(List<Change> changes) {
        var firsts = new LinkedHashMap<Long, Change>();
        var lasts = new LinkedHashMap<Long, Change>();
        for (Change c : changes) {
            Change previous = lasts.get(c.from().id());
            if (previous != null && previous.to() != c.from().status()) {
                throw new IllegalArgumentException(
                        "change of request " + c.from().id() + " starts at "
                                + c.from().status() + " but the one before ended at " + previous.to());
            }
            if (c.from().status() != c.to()) {
                RequestTransitions.check(c.from().status(), c.to(), c.reason());
            }
            firsts.putIfAbsent(c.from().id(), c);
            lasts.put(c.from().id(), c);
        }
        var finals = new ArrayList<Change>(lasts.size());
        for (Change last : lasts.values()) {
            Change first = Objects.requireNonNull(firsts.get(last.from().id()));
            finals.add(first == last ? last : last.from(first.from()));
        }
        return finals;
    }

    /** The parameters of the writer's MOVE for each of {@code finals}, stored at {@code now}. */
    static SqlParameterSource[] moveParams(List<Change> finals, Instant now) {
        return finals.stream()
                .map(c -> new MapSqlParameterSource()
                        .addValue("to", c.to().name())
                        .addValue("toChannel", c.toChannel().wire())
                        .addValue("dueAt", Instants.toDb(c.dueAt()))
                        .addValue("keepLease", c.inFlight())
                        .addValue(
                                "reason", c.reason() == null ? null : c.reason().name())
                        .addValue("reasonDetail", c.reasonDetail())
                        .addValue("now", Instants.toDb(now))
                        .addValue("id", c.from().id())
                        .addValue("expected", c.from().status().name())
                        .addValue("attemptNo", c.attemptNo()))
                .toArray(SqlParameterSource[]::new);
    }
}
