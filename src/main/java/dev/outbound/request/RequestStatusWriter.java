package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.store.Dialect;
import dev.outbound.store.Instants;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one writer of {@code request.status}: claims, outcomes, voided attempts and bulk changes all
 * come through here (a test fails for any other class that updates it). Every write checks
 * {@link RequestTransitions}, repeats the expected status in its SQL so a change that lost a race
 * changes nothing, moves the batch counters and publishes one {@link RequestStatusChanged} per
 * change, in the caller's transaction.
 */
@Component
class RequestStatusWriter {
    private static final String MOVE = """
            UPDATE request SET status = :to, channel_manager_status = :toChannel, due_at = :dueAt,
                   reason = :reason, reason_detail = :reasonDetail, lease_owner = CASE WHEN :keepLease THEN lease_owner ELSE NULL END,
                   lease_until = CASE WHEN :keepLease THEN lease_until ELSE NULL END, updated_at = :now
            WHERE id = :id AND status = :expected AND attempt_count = :attemptNo
            """;
    private static final String VOID_ATTEMPT = """
            UPDATE request SET status = :to, channel_manager_status = :toChannel, attempt_count = attempt_count - 1,
                   due_at = :dueAt, lease_owner = NULL, lease_until = NULL, updated_at = :now
            WHERE id = :id AND status = :expected AND attempt_count = :attemptNo
            """;
    private static final String BULK_SET = """
            status = :to, channel_manager_status = %s, due_at = NULL, updated_at = :now
            """;
    static final List<String> COUNTED = List.of("status", "channel_manager_status");

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final Dialect dialect;
    private final RequestRepository requests;
    private final AttemptRepository attempts;
    private final StatusCountRepository counters;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<StatusChangeInterest> interests;
    private final Clock clock;
    private final ClaimRounds claims;

    RequestStatusWriter(
            JdbcClient jdbc,
            NamedParameterJdbcTemplate batch,
            Dialect dialect,
            RequestRepository requests,
            AttemptRepository attempts,
            StatusCountRepository counters,
            ApplicationEventPublisher events,
            ObjectProvider<StatusChangeInterest> interests,
            Clock clock,
            ClaimRounds claims) {
        this.claims = claims;
        this.jdbc = jdbc;
        this.batch = batch;
        this.dialect = dialect;
        this.requests = requests;
        this.attempts = attempts;
        this.counters = counters;
        this.events = events;
        this.interests = interests;
        this.clock = clock;
    }

    /**
     * PENDING → INITIATED (QUEUED) for up to each want's limit of due requests that {@code gate}
     * lets through; see {@link ClaimRounds}, the part of this writer that claims.
     */
    List<ClaimedRequest> claim(List<ClaimWant> wants, String node, Instant leaseUntil, ClaimGate gate) {
        return claims.claim(wants, node, leaseUntil, gate);
    }

    /** Counts one request's move and publishes it. */
    static void announce(
            ApplicationEventPublisher events,
            long id,
            long batchPk,
            RequestStatus from,
            ChannelManagerStatus fromChannel,
            RequestStatus to,
            ChannelManagerStatus toChannel,
            int attemptNo,
            Instant at,
            Deltas deltas) {
        deltas.move(batchPk, from, fromChannel, to, toChannel, 1);
        events.publishEvent(new RequestStatusChanged(id, batchPk, from, fromChannel, to, toChannel, attemptNo, at));
    }

    /** One change; false when the request was no longer where it started (nothing is written). */
    boolean apply(Change change) {
        return write(List.of(change), false);
    }

    /**
     * Changes of requests locked in this transaction, in a few round trips whatever their number:
     * each request moves once, from where its first change starts to where its last one ends.
     * Throws (rolling the transaction back) if any request was not where its first change expected.
     */
    void applyAll(List<Change> changes) {
        write(changes, true);
    }

    private boolean write(List<Change> changes, boolean strict) {
        List<Change> finals = Changes.collapse(changes);
        if (finals.isEmpty()) {
            return true;
        }
        int[] moved = batch.batchUpdate(MOVE, Changes.moveParams(finals, clock.instant()));
        for (int i = 0; i < moved.length; i++) {
            if (moved[i] != 1 && !strict) {
                return false;
            }
            if (moved[i] != 1) {
                throw new IllegalStateException(
                        "request " + finals.get(i).from().id() + " was no longer "
                                + finals.get(i).from().status() + " when its changes were applied");
            }
        }
        attempts.recordAll(finals);
        // Every change, not only each request's last, in order: a listener (the webhook outbox)
        // sees HUMAN and then COMPLETED even when both were written at once. Published after
        // the writes, so what a listener reads of the request is what this transaction stored.
        changes.forEach(c -> events.publishEvent(c.event()));
        var deltas = new Deltas();
        for (Change c : finals) {
            var from = c.from();
            deltas.move(from.batchPk(), from.status(), from.channelStatus(), c.to(), c.toChannel(), 1);
        }
        counters.addAll(deltas);
        return true;
    }

    /**
     * INITIATED → PENDING, taking back an attempt that never reached the channel: the request
     * waits again until {@code dueAt} and the attempt leaves the history. False if it moved on.
     */
    boolean voidAttempt(RequestState state, int attemptNo, Instant dueAt) {
        if (state.status() != RequestStatus.INITIATED) {
            return false;
        }
        RequestTransitions.check(state.status(), RequestStatus.PENDING);
        Instant now = clock.instant();
        var to = ChannelManagerStatus.PENDING;
        int moved = jdbc.sql(VOID_ATTEMPT)
                .param("to", RequestStatus.PENDING.name())
                .param("toChannel", to.wire())
                .param("dueAt", Instants.toDb(dueAt))
                .param("now", Instants.toDb(now))
                .param("id", state.id())
                .param("expected", state.status().name())
                .param("attemptNo", attemptNo)
                .update();
        if (moved != 1) {
            return false;
        }
        attempts.delete(state.id(), attemptNo);
        var deltas = new Deltas();
        announce(
                events,
                state.id(),
                state.batchPk(),
                state.status(),
                state.channelStatus(),
                RequestStatus.PENDING,
                to,
                attemptNo,
                now,
                deltas);
        counters.addAll(deltas);
        return true;
    }

    /**
     * A set-based change of one batch's requests, one statement whatever their number. Rows are
     * read first (one event each) only when a {@link StatusChangeInterest} wants the change.
     * Answers how many requests moved.
     */
    long bulk(BulkMove move, long batchPk, Map<String, ?> conditionParams) {
        move.from.forEach(from -> RequestTransitions.check(from, move.to));
        Instant now = clock.instant();
        var params = new HashMap<String, Object>(conditionParams);
        params.put("batchPk", batchPk);
        params.put("to", move.to.name());
        params.put("now", Instants.toDb(now));
        var toChannel = move.toChannel;
        if (toChannel != null) {
            params.put("toChannel", toChannel.wire());
        }
        List<RequestState> watched =
                toChannel != null && interests.orderedStream().anyMatch(i -> i.wants(batchPk, toChannel))
                        ? requests.lockWhere(move.where(), params)
                        : List.of();
        String set = BULK_SET.formatted(toChannel == null ? "t.channel_manager_status" : ":toChannel");
        var deltas = new Deltas();
        long[] moved = {0};
        jdbc.sql(dialect.countedUpdate("request", set, move.where(), COUNTED))
                .params(params)
                .query(rs -> {
                    var from = StatusSql.cell(rs);
                    var fromChannel = from.channelStatus();
                    long n = rs.getLong("n");
                    deltas.move(
                            batchPk,
                            from.requestStatus(),
                            fromChannel,
                            move.to,
                            toChannel == null ? fromChannel : toChannel,
                            n);
                    moved[0] += n;
                });
        counters.addAll(deltas);
        for (RequestState r : watched) {
            events.publishEvent(new RequestStatusChanged(
                    r.id(),
                    batchPk,
                    r.status(),
                    r.channelStatus(),
                    move.to,
                    Objects.requireNonNull(toChannel),
                    r.attemptCount(),
                    now));
        }
        return moved[0];
    }
}
