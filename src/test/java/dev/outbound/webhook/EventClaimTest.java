package dev.outbound.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.testing.StoreTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery claim on the outbox table itself (both stores): a request's events are leased one
 * at a time in their order, and a claim takes the oldest due events up to its limit.
 */
@StoreTest
@TestPropertySource(properties = "outbound.webhooks.enabled=false")
class EventClaimTest {
    private static final long WEBHOOK = 7001;
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Autowired
    EventRepository events;

    @Autowired
    EventStatusWriter statuses;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void emptyOutbox() {
        jdbc.sql("DELETE FROM webhook_event").update();
    }

    /** Test data: one event of a request, created (and due) at {@code at}. */
    private static EventRepository.NewEvent event(long requestId, int seq, Instant at) {
        String id = "ev-" + requestId + "-" + seq;
        return new EventRepository.NewEvent(
                id, WEBHOOK, 1, requestId, seq, ChannelManagerStatus.QUEUED, "{\"id\":\"" + id + "\"}", at);
    }

    private List<OutboxEvent> claim(String token, int limit) {
        List<OutboxEvent> claimed =
                transactions.execute(tx -> statuses.claim(token, NOW, NOW.plus(Duration.ofMinutes(1)), limit, 100));
        return claimed == null ? List.of() : claimed;
    }

    private static List<String> ids(List<OutboxEvent> claimed) {
        return claimed.stream().map(OutboxEvent::eventId).toList();
    }

    private void finish(OutboxEvent e, String token, EventStatus to) {
        Instant next = to == EventStatus.PENDING ? NOW : null;
        assertThat(statuses.finish(e.pk(), token, to, NOW, next, 204, null, NOW))
                .as("lease still held")
                .isTrue();
    }

    @Test
    void a_request_s_next_event_is_claimed_only_once_the_one_before_it_is_delivered_or_dead() {
        Instant t = NOW.minusSeconds(60);
        events.insertAll(
                List.of(event(1, 1, t), event(1, 2, t.plusSeconds(1)), event(1, 3, t.plusSeconds(2)), event(2, 1, t)));

        List<OutboxEvent> first = claim("a", 10);
        assertThat(ids(first)).containsExactlyInAnyOrder("ev-1-1", "ev-2-1");
        assertThat(claim("b", 10)).as("leased events and their successors wait").isEmpty();

        finish(
                first.stream()
                        .filter(e -> e.eventId().equals("ev-1-1"))
                        .findFirst()
                        .orElseThrow(),
                "a",
                EventStatus.DELIVERED);
        List<OutboxEvent> second = claim("c", 10);
        assertThat(ids(second)).containsExactly("ev-1-2");

        finish(second.getFirst(), "c", EventStatus.DEAD);
        assertThat(ids(claim("d", 10))).containsExactly("ev-1-3");
    }

    @Test
    void an_event_sent_back_for_a_retry_still_holds_back_the_request_s_next_event() {
        Instant t = NOW.minusSeconds(60);
        events.insertAll(List.of(event(1, 1, t), event(1, 2, t.plusSeconds(1))));

        OutboxEvent head = claim("a", 10).getFirst();
        finish(head, "a", EventStatus.PENDING);

        assertThat(ids(claim("b", 10))).containsExactly("ev-1-1");
    }

    @Test
    void a_claim_takes_the_oldest_due_events_up_to_its_limit_with_their_payloads() {
        var rows = new ArrayList<EventRepository.NewEvent>();
        for (int r = 1; r <= 6; r++) {
            rows.add(event(r, 1, NOW.minusSeconds(100 - r)));
        }
        rows.add(event(7, 1, NOW.plusSeconds(30))); // not due yet
        events.insertAll(rows);

        List<OutboxEvent> claimed = claim("a", 4);

        assertThat(ids(claimed)).containsExactly("ev-1-1", "ev-2-1", "ev-3-1", "ev-4-1");
        assertThat(claimed.getFirst().payload()).isEqualTo("{\"id\":\"ev-1-1\"}");
        assertThat(claimed.getFirst().webhookId()).isEqualTo(WEBHOOK);
        assertThat(claimed.getFirst().attempts()).isZero();
        assertThat(ids(claim("b", 10))).containsExactly("ev-5-1", "ev-6-1");
    }
}
