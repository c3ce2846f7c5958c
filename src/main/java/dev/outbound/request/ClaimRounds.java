package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.store.Dialect;
import dev.outbound.store.Instants;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * The part of {@link RequestStatusWriter} that claims (only the writer calls it): picks due
 * requests with one statement, asks the {@link ClaimGate} about them in the same transaction,
 * takes back at once what it holds or skips, and claims again for the slots they gave back (not
 * for a batch whose requests were told to wait).
 */
@Component
class ClaimRounds {
    /**
     * Takes back, in the claiming transaction, a claim the rules set aside: everything the claim
     * changed is as it was, except what the verdict says (a later due time, or SKIPPED).
     */
    private static final String UNCLAIM = """
            UPDATE request SET status = CASE WHEN :skip THEN :skipped ELSE :pending END,
                   channel_manager_status = :toChannel, attempt_count = attempt_count - 1,
                   sent_at = :sentAt, due_at = :dueAt, lease_owner = NULL, lease_until = NULL,
                   reason = :reason, reason_detail = :reasonDetail
            WHERE id = :id AND status = :claimed AND attempt_count = :attemptNo
            """;

    /** Claims per batch and call when rules keep setting aside what was picked. */
    private static final int CLAIM_ROUNDS = 4;

    /**
     * PENDING → INITIATED (QUEUED) for up to each want's limit of due requests, in one statement
     * whatever the number of batches: rows another node holds are skipped, each claim gets a lease
     * and an attempt row. {@code gate} judges what was picked in this transaction; what it holds
     * back or skips is taken back at once and its slots are claimed again (a few rounds at most),
     * so rules do not lower the pace.
     */
    List<ClaimedRequest> claim(List<ClaimWant> wants, String node, Instant leaseUntil, ClaimGate gate) {
        RequestTransitions.check(RequestStatus.PENDING, RequestStatus.INITIATED);
        RequestTransitions.check(RequestStatus.PENDING, RequestStatus.SKIPPED);
        Instant now = clock.instant();
        var before = new HashMap<Long, ClaimStatement.Before>();
        var claimed = new ArrayList<ClaimedRequest>();
        var deltas = new Deltas();
        List<ClaimWant> wanted = wants;
        for (int round = 0; round < CLAIM_ROUNDS && !wanted.isEmpty(); round++) {
            List<ClaimedRequest> picked = pick(wanted, node, leaseUntil, now, before);
            List<Verdict> verdicts = gate.judge(picked, now);
            var admitted = new ArrayList<ClaimedRequest>(picked.size());
            var setAside = new HashMap<Long, Integer>();
            var waiting = new HashSet<Long>();
            var takeBack = new ArrayList<SqlParameterSource>();
            var skipped = new ArrayList<Runnable>();
            for (int i = 0; i < picked.size(); i++) {
                ClaimedRequest c = picked.get(i);
                Verdict v = verdicts.get(i);
                if (v instanceof Verdict.Allow) {
                    admitted.add(c);
                    continue;
                }
                setAside.merge(c.batchPk(), 1, Integer::sum);
                if (v instanceof Verdict.Wait) {
                    waiting.add(c.batchPk());
                }
                var was = Objects.requireNonNull(before.get(c.id()));
                takeBack.add(ClaimStatement.takeBack(c, was, v)
                        .addValue("claimed", RequestStatus.INITIATED.name())
                        .addValue("pending", RequestStatus.PENDING.name())
                        .addValue("skipped", RequestStatus.SKIPPED.name()));
                if (v instanceof Verdict.Skip k) {
                    skipped.add(() -> announceSkip(c, was, k, now, deltas));
                }
            }
            if (!takeBack.isEmpty()) {
                batch.batchUpdate(UNCLAIM, takeBack.toArray(SqlParameterSource[]::new));
                // After the write, so a listener reading the request sees it skipped.
                skipped.forEach(Runnable::run);
            }
            if (!admitted.isEmpty()) {
                attempts.insertAll(admitted, now);
                gate.claimed(admitted, now);
                claimed.addAll(admitted);
            }
            wanted = wants.stream()
                    .filter(w -> setAside.containsKey(w.batchPk()) && !waiting.contains(w.batchPk()))
                    .map(w -> w.withLimit(setAside.getOrDefault(w.batchPk(), 0)))
                    .toList();
        }
        for (ClaimedRequest c : claimed) {
            var was = Objects.requireNonNull(before.get(c.id())).channelStatus();
            RequestStatusWriter.announce(
                    events,
                    c.id(),
                    c.batchPk(),
                    RequestStatus.PENDING,
                    was,
                    RequestStatus.INITIATED,
                    ChannelManagerStatus.QUEUED,
                    c.attemptNo(),
                    now,
                    deltas);
        }
        counters.addAll(deltas);
        return claimed;
    }

    private List<ClaimedRequest> pick(
            List<ClaimWant> wants,
            String node,
            Instant leaseUntil,
            Instant now,
            Map<Long, ClaimStatement.Before> before) {
        var picked = new ArrayList<ClaimedRequest>();
        for (ClaimStatement statement : ClaimStatement.of(wants, dialect)) {
            var params = statement
                    .params()
                    .addValue("from", RequestStatus.PENDING.name())
                    .addValue("to", RequestStatus.INITIATED.name())
                    .addValue("toChannel", ChannelManagerStatus.QUEUED.wire())
                    .addValue("now", Instants.toDb(now))
                    .addValue("node", node)
                    .addValue("leaseUntil", Instants.toDb(leaseUntil));
            String sql = dialect.updatePicked("request", ClaimStatement.SET, statement.pick(), ClaimStatement.COLUMNS);
            picked.addAll(batch.query(sql, params, (rs, n) -> ClaimStatement.claimed(rs, before)));
        }
        return picked;
    }

    /** A skip is counted and announced like any change: PENDING → SKIPPED, the claim in between never seen. */
    private void announceSkip(ClaimedRequest c, ClaimStatement.Before was, Verdict.Skip k, Instant now, Deltas deltas) {
        RequestStatusWriter.announce(
                events,
                c.id(),
                c.batchPk(),
                RequestStatus.PENDING,
                was.channelStatus(),
                RequestStatus.SKIPPED,
                k.channelStatus(),
                c.attemptNo() - 1,
                now,
                deltas);
    }

    private final NamedParameterJdbcTemplate batch;
    private final Dialect dialect;
    private final AttemptRepository attempts;
    private final StatusCountRepository counters;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ClaimRounds(
            NamedParameterJdbcTemplate batch,
            Dialect dialect,
            AttemptRepository attempts,
            StatusCountRepository counters,
            ApplicationEventPublisher events,
            Clock clock) {
        this.batch = batch;
        this.dialect = dialect;
        this.attempts = attempts;
        this.counters = counters;
        this.events = events;
        this.clock = clock;
    }
}
