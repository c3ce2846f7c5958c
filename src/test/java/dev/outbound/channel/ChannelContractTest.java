package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link Channel} must do, whatever the provider. A subclass supplies a fresh channel,
 * a way to move time forward, and per mode a target that connects and one that does not.
 */
abstract class ChannelContractTest {

    /** Statuses that mean the person was reached. */
    static final Set<ChannelManagerStatus> CONNECTED =
            Set.of(ChannelManagerStatus.HUMAN, ChannelManagerStatus.DELIVERED);

    private static final AtomicLong REQUEST_IDS = new AtomicLong(1000);

    protected Channel channel;

    /** A new channel, with nothing started; called before each test. */
    protected abstract Channel newChannel();

    /** Moves time forward by {@code by} and lets the channel report what is due by then. */
    protected abstract void advance(Duration by);

    /** A target of {@code mode} that reaches someone (a person answers, the message is delivered). */
    protected abstract String connectingTarget(Mode mode);

    /** A target of {@code mode} that reaches nobody (busy, no answer, bounced...). */
    protected abstract String notConnectingTarget(Mode mode);

    /** Time within which every attempt ends. */
    protected Duration longestAttempt() {
        return Duration.ofMinutes(10);
    }

    /** The step by which time moves while waiting for attempts to end. */
    protected Duration step() {
        return Duration.ofSeconds(1);
    }

    @BeforeEach
    final void createChannel() {
        channel = newChannel();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void start_answers_a_non_blank_sid(Mode mode) {
        assumeServes(mode);

        String sid = channel.start(attempt(mode, connectingTarget(mode)), new RecordingListener());

        assertThat(sid).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void each_attempt_gets_its_own_sid(Mode mode) {
        assumeServes(mode);
        var listener = new RecordingListener();

        String first = channel.start(attempt(mode, connectingTarget(mode)), listener);
        String second = channel.start(attempt(mode, connectingTarget(mode)), listener);

        assertThat(first).isNotEqualTo(second);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void the_same_idempotency_key_twice_answers_the_same_sid_and_attempts_once(Mode mode) {
        assumeServes(mode);
        var listener = new RecordingListener();
        ChannelAttempt attempt = attempt(mode, connectingTarget(mode));

        String first = channel.start(attempt, listener);
        String second = channel.start(attempt, listener);
        runUntilEnded(listener, List.of(first));

        assertThat(second).isEqualTo(first);
        assertThat(listener.events()).extracting(ChannelEvent::channelSid).containsOnly(first);
        assertThat(listener.events()).filteredOn(ChannelEvent::ended).hasSize(1);
        assertWellFormed(listener, attempt, first);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void every_event_carries_the_request_id_attempt_number_and_sid_of_its_attempt(Mode mode) {
        assumeServes(mode);
        var listener = new RecordingListener();
        ChannelAttempt a = attempt(mode, connectingTarget(mode));
        ChannelAttempt b = attempt(mode, notConnectingTarget(mode));

        String sidA = channel.start(a, listener);
        String sidB = channel.start(b, listener);
        runUntilEnded(listener, List.of(sidA, sidB));

        assertThat(listener.of(sidA))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.requestId()).isEqualTo(a.requestId()))
                .allSatisfy(e -> assertThat(e.attemptNo()).isEqualTo(a.attemptNo()));
        assertThat(listener.of(sidB))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.requestId()).isEqualTo(b.requestId()))
                .allSatisfy(e -> assertThat(e.attemptNo()).isEqualTo(b.attemptNo()));
        assertThat(listener.events()).extracting(ChannelEvent::channelSid).containsOnly(sidA, sidB);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void an_attempt_ends_exactly_once_and_nothing_follows_its_end(Mode mode) {
        assumeServes(mode);
        var listener = new RecordingListener();
        ChannelAttempt reaching = attempt(mode, connectingTarget(mode));
        ChannelAttempt missing = attempt(mode, notConnectingTarget(mode));

        String reachingSid = channel.start(reaching, listener);
        String missingSid = channel.start(missing, listener);
        runUntilEnded(listener, List.of(reachingSid, missingSid));

        assertWellFormed(listener, reaching, reachingSid);
        assertWellFormed(listener, missing, missingSid);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void events_of_an_attempt_come_in_non_decreasing_time_order(Mode mode) {
        assumeServes(mode);
        var listener = new RecordingListener();

        String sid = channel.start(attempt(mode, connectingTarget(mode)), listener);
        runUntilEnded(listener, List.of(sid));

        List<ChannelEvent> events = listener.of(sid);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).at())
                    .as("time of event %d of %s", i, events)
                    .isAfterOrEqualTo(events.get(i - 1).at());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void a_connecting_target_reaches_a_connected_status_by_the_end(Mode mode) {
        assumeServes(mode);
        var listener = new RecordingListener();

        String sid = channel.start(attempt(mode, connectingTarget(mode)), listener);
        runUntilEnded(listener, List.of(sid));

        List<ChannelManagerStatus> statuses =
                listener.of(sid).stream().map(ChannelEvent::status).toList();
        int connected = firstConnected(statuses);
        int end = endIndex(listener.of(sid));
        assertThat(connected).as("index of a connected status in %s", statuses).isNotNegative();
        assertThat(connected)
                .as("connected no later than the end in %s", statuses)
                .isLessThanOrEqualTo(end);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void a_target_that_does_not_connect_ends_without_a_connected_status(Mode mode) {
        assumeServes(mode);
        var listener = new RecordingListener();

        String sid = channel.start(attempt(mode, notConnectingTarget(mode)), listener);
        runUntilEnded(listener, List.of(sid));

        assertThat(listener.of(sid)).extracting(ChannelEvent::status).doesNotContainAnyElementsOf(CONNECTED);
    }

    @Test
    @Timeout(60)
    void two_hundred_attempts_started_from_eight_threads_all_end() throws Exception {
        var listener = new RecordingListener();
        List<Mode> modes = List.copyOf(channel.modes());
        Map<String, ChannelAttempt> attempts = new ConcurrentHashMap<>();
        var gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    gate.await();
                    for (int i = 0; i < 25; i++) {
                        Mode mode = modes.get((thread + i) % modes.size());
                        String target = i % 2 == 0 ? connectingTarget(mode) : notConnectingTarget(mode);
                        ChannelAttempt a = attempt(mode, target);
                        attempts.put(channel.start(a, listener), a);
                    }
                    return null;
                }));
            }
            // Time moves while the attempts are being started.
            futures.add(pool.submit(() -> {
                gate.await();
                for (int i = 0; i < 20; i++) {
                    advance(step());
                }
                return null;
            }));
            gate.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        runUntilEnded(listener, attempts.keySet());

        assertThat(attempts).hasSize(200);
        attempts.forEach((sid, a) -> assertWellFormed(listener, a, sid));
    }

    /** A new attempt, with a request id and idempotency key no other test uses. */
    protected static ChannelAttempt attempt(Mode mode, String target) {
        long id = REQUEST_IDS.incrementAndGet();
        return new ChannelAttempt(id, 2, "key-" + id, mode, target, null, Map.of("name", "Ada"));
    }

    /**
     * Moves time step by step until every attempt has ended (failing if one has not within {@link
     * #longestAttempt()}), then once more by {@link #longestAttempt()} so late events would show.
     */
    protected void runUntilEnded(RecordingListener listener, Collection<String> sids) {
        long steps = longestAttempt().dividedBy(step());
        for (long i = 0; i < steps && !sids.stream().allMatch(listener::ended); i++) {
            advance(step());
        }
        assertThat(sids).as("attempts ended within %s", longestAttempt()).allMatch(listener::ended);
        advance(longestAttempt());
    }

    /** One end, the last event; every event is the attempt's; time never goes back. */
    protected static void assertWellFormed(RecordingListener listener, ChannelAttempt attempt, String sid) {
        List<ChannelEvent> events = listener.of(sid);
        assertThat(events).as("events of %s", sid).isNotEmpty();
        assertThat(events)
                .filteredOn(ChannelEvent::ended)
                .as("ended events of %s", events)
                .hasSize(1);
        assertThat(events.getLast().ended()).as("last of %s has ended", events).isTrue();
        for (int i = 0; i < events.size(); i++) {
            ChannelEvent e = events.get(i);
            assertThat(e.requestId()).isEqualTo(attempt.requestId());
            assertThat(e.attemptNo()).isEqualTo(attempt.attemptNo());
            if (i > 0) {
                assertThat(e.at())
                        .as("time order of %s", events)
                        .isAfterOrEqualTo(events.get(i - 1).at());
            }
        }
    }

    private void assumeServes(Mode mode) {
        assumeTrue(channel.modes().contains(mode), () -> channel.name() + " does not serve " + mode);
    }

    private static int firstConnected(List<ChannelManagerStatus> statuses) {
        for (int i = 0; i < statuses.size(); i++) {
            if (CONNECTED.contains(statuses.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int endIndex(List<ChannelEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).ended()) {
                return i;
            }
        }
        return -1;
    }
}
