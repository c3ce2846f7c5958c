package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.testing.MutableClock;
import dev.outbound.testing.Produces;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatorChannelTest extends ChannelContractTest {
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final MutableClock clock = new MutableClock(START);

    @Override
    protected Channel newChannel() {
        return simulator(Duration.ofSeconds(5));
    }

    @Override
    protected void advance(Duration by) {
        channel.poll(clock.advance(by));
    }

    @Override
    protected String connectingTarget(Mode mode) {
        return mode == Mode.EMAIL ? "ada1@example.com" : "+15555550101";
    }

    @Override
    protected String notConnectingTarget(Mode mode) {
        return mode == Mode.EMAIL ? "bob7@example.com" : "+15555550107";
    }

    private SimulatorChannel simulator(Duration talkTime) {
        return new SimulatorChannel(clock, new SimulatorProperties(talkTime));
    }

    private SimulatorChannel sim() {
        return (SimulatorChannel) channel;
    }

    /**
     * The outcome table: each event as STATUS+seconds after the start, with "!" on the one that
     * ends the attempt. The talk time is 5s.
     */
    @Produces({
        ChannelManagerStatus.QUEUED,
        ChannelManagerStatus.IN_PROGRESS,
        ChannelManagerStatus.HUMAN,
        ChannelManagerStatus.COMPLETED,
        ChannelManagerStatus.BUSY,
        ChannelManagerStatus.NO_ANSWER,
        ChannelManagerStatus.MACHINE,
        ChannelManagerStatus.SENT,
        ChannelManagerStatus.DELIVERED,
        ChannelManagerStatus.UNDELIVERED,
        ChannelManagerStatus.FAILED,
        ChannelManagerStatus.BOUNCED,
        ChannelManagerStatus.DROPPED
    })
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            VOICE | +15555550100 | QUEUED+0 IN_PROGRESS+1 HUMAN+2 COMPLETED+7!
            VOICE | +15555550103 | QUEUED+0 IN_PROGRESS+1 HUMAN+2 COMPLETED+7!
            VOICE | +15555550106 | QUEUED+0 IN_PROGRESS+1 HUMAN+2 COMPLETED+7!
            VOICE | +15555550107 | QUEUED+0 BUSY+1!
            VOICE | +15555550108 | QUEUED+0 IN_PROGRESS+1 NO_ANSWER+30!
            VOICE | +15555550109 | QUEUED+0 IN_PROGRESS+1 MACHINE+3!
            SMS   | +15555550100 | QUEUED+0 SENT+1 DELIVERED+2!
            SMS   | +15555550106 | QUEUED+0 SENT+1 DELIVERED+2!
            SMS   | +15555550107 | QUEUED+0 UNDELIVERED+2!
            SMS   | +15555550108 | QUEUED+0 UNDELIVERED+2!
            SMS   | +15555550109 | QUEUED+0 FAILED+1!
            EMAIL | ada0@example.com | QUEUED+0 SENT+1 DELIVERED+2!
            EMAIL | ada6@example.com | QUEUED+0 SENT+1 DELIVERED+2!
            EMAIL | ada7@example.com | QUEUED+0 BOUNCED+2!
            EMAIL | ada8@example.com | QUEUED+0 BOUNCED+2!
            EMAIL | ada9@example.com | QUEUED+0 DROPPED+1!
            EMAIL | ada@example9.com | QUEUED+0 SENT+1 DELIVERED+2!
            EMAIL | a9b7c@example.com | QUEUED+0 BOUNCED+2!
            """)
    void the_last_digit_of_the_target_picks_the_outcome(Mode mode, String target, String expected) {
        var listener = new RecordingListener();

        String sid = channel.start(attempt(mode, target), listener);
        advance(Duration.ofMinutes(5));

        assertThat(script(listener.of(sid))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            VOICE | +1 555 555 0107    | 7
            VOICE | 0107 ext           | 7
            VOICE | no digits          | 0
            SMS   | +15555550109       | 9
            EMAIL | ada42@example7.com | 2
            EMAIL | ada@example7.com   | 0
            EMAIL | 12345              | 5
            """)
    void the_digit_is_the_last_one_found_and_for_email_only_before_the_at_sign(Mode mode, String target, int digit) {
        assertThat(SimulatorChannel.lastDigit(mode, target)).isEqualTo(digit);
    }

    @Test
    void a_call_answered_by_a_person_lasts_the_configured_talk_time() {
        channel = simulator(Duration.ofSeconds(90));
        var listener = new RecordingListener();

        String sid = channel.start(attempt(Mode.VOICE, "+15555550101"), listener);
        advance(Duration.ofMinutes(5));

        assertThat(script(listener.of(sid))).isEqualTo("QUEUED+0 IN_PROGRESS+1 HUMAN+2 COMPLETED+92!");
    }

    @Test
    void with_no_talk_time_the_call_completes_at_the_instant_it_is_answered_and_after_it() {
        channel = simulator(Duration.ZERO);
        var listener = new RecordingListener();

        String sid = channel.start(attempt(Mode.VOICE, "+15555550101"), listener);
        advance(Duration.ofSeconds(2));

        assertThat(script(listener.of(sid))).isEqualTo("QUEUED+0 IN_PROGRESS+1 HUMAN+2 COMPLETED+2!");
    }

    @Test
    void a_negative_talk_time_is_refused_naming_the_variable() {
        assertThatThrownBy(() -> new SimulatorProperties(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OUTBOUND_SIMULATOR_TALK_TIME");
    }

    @Test
    void queued_is_emitted_at_once_and_nothing_else_before_a_poll() {
        var listener = new RecordingListener();

        String sid = channel.start(attempt(Mode.VOICE, "+15555550101"), listener);
        clock.advance(Duration.ofMinutes(5));

        assertThat(script(listener.of(sid))).isEqualTo("QUEUED+0");
    }

    @Test
    void a_poll_emits_only_the_events_due_by_then() {
        var listener = new RecordingListener();
        String sid = channel.start(attempt(Mode.VOICE, "+15555550101"), listener);

        channel.poll(START.plusMillis(999));
        assertThat(script(listener.of(sid))).isEqualTo("QUEUED+0");

        channel.poll(START.plusSeconds(1));
        assertThat(script(listener.of(sid))).isEqualTo("QUEUED+0 IN_PROGRESS+1");

        channel.poll(START.plusMillis(1999));
        assertThat(script(listener.of(sid))).isEqualTo("QUEUED+0 IN_PROGRESS+1");

        channel.poll(START.plusSeconds(6));
        assertThat(script(listener.of(sid))).isEqualTo("QUEUED+0 IN_PROGRESS+1 HUMAN+2");
    }

    @Test
    void a_late_poll_emits_everything_due_in_order_stamped_with_when_it_was_due() {
        var listener = new RecordingListener();
        String first = channel.start(attempt(Mode.VOICE, "+15555550109"), listener);
        clock.advance(Duration.ofMillis(500));
        String second = channel.start(attempt(Mode.SMS, "+15555550101"), listener);

        channel.poll(START.plusSeconds(60));

        assertThat(listener.events())
                .extracting(
                        e -> e.channelSid().equals(first)
                                ? "first"
                                : e.channelSid().equals(second) ? "second" : "?",
                        e -> e.status(),
                        e -> e.at())
                .map(t -> t.toList().toString())
                .containsExactly(
                        "[first, QUEUED, 2026-03-02T09:00:00Z]",
                        "[second, QUEUED, 2026-03-02T09:00:00.500Z]",
                        "[first, IN_PROGRESS, 2026-03-02T09:00:01Z]",
                        "[second, SENT, 2026-03-02T09:00:01.500Z]",
                        "[second, DELIVERED, 2026-03-02T09:00:02.500Z]",
                        "[first, MACHINE, 2026-03-02T09:00:03Z]");
    }

    @Test
    void sids_are_sim_and_32_hex_digits_and_unique() {
        var listener = new RecordingListener();
        Set<String> sids = new HashSet<>();

        for (int i = 0; i < 100; i++) {
            sids.add(channel.start(attempt(Mode.SMS, "+1555555010" + (i % 10)), listener));
        }

        assertThat(sids).hasSize(100).allMatch(s -> s.matches("SIM[0-9a-f]{32}"));
    }

    @Test
    void a_blank_target_is_refused() {
        assertThatThrownBy(() -> channel.start(attempt(Mode.SMS, "  "), new RecordingListener()))
                .isInstanceOf(ChannelRefused.class);
        assertThat(sim().started()).isZero();
    }

    @Test
    void in_flight_counts_attempts_started_and_not_yet_ended() {
        var listener = new RecordingListener();

        channel.start(attempt(Mode.VOICE, "+15555550107"), listener); // busy at +1s
        channel.start(attempt(Mode.VOICE, "+15555550108"), listener); // no answer at +30s
        assertThat(sim().inFlight()).isEqualTo(2);

        advance(Duration.ofSeconds(1));
        assertThat(sim().inFlight()).isEqualTo(1);

        advance(Duration.ofSeconds(29));
        assertThat(sim().inFlight()).isZero();
        assertThat(sim().started()).isEqualTo(2);
    }

    @Test
    void a_repeated_idempotency_key_is_not_started_again_even_after_its_attempt_ended() {
        var listener = new RecordingListener();
        ChannelAttempt attempt = attempt(Mode.SMS, "+15555550101");
        String sid = channel.start(attempt, listener);
        advance(Duration.ofMinutes(1));

        assertThat(channel.start(attempt, listener)).isEqualTo(sid);
        advance(Duration.ofMinutes(1));

        assertThat(sim().started()).isEqualTo(1);
        assertThat(sim().inFlight()).isZero();
        assertThat(listener.of(sid)).filteredOn(ChannelEvent::ended).hasSize(1);
    }

    @Test
    void an_idempotency_key_is_forgotten_a_day_after_its_attempt_ended() {
        var listener = new RecordingListener();
        ChannelAttempt attempt = attempt(Mode.SMS, "+15555550101");
        String sid = channel.start(attempt, listener);
        advance(Duration.ofSeconds(2)); // delivered
        advance(SimulatorChannel.IDEMPOTENCY_RETENTION.minusSeconds(1));
        assertThat(channel.start(attempt, listener)).isEqualTo(sid);

        advance(Duration.ofSeconds(1));

        assertThat(channel.start(attempt, listener)).isNotEqualTo(sid);
        assertThat(sim().started()).isEqualTo(2);
    }

    @Test
    void a_listener_that_throws_does_not_stop_the_other_events() {
        List<ChannelEvent> seen = new ArrayList<>();
        ChannelListener flaky = e -> {
            seen.add(e);
            throw new IllegalStateException("listener bug");
        };

        channel.start(attempt(Mode.SMS, "+15555550101"), flaky);
        advance(Duration.ofSeconds(5));

        assertThat(seen)
                .extracting(ChannelEvent::status)
                .map(Enum::name)
                .containsExactly("QUEUED", "SENT", "DELIVERED");
        assertThat(sim().inFlight()).isZero();
    }

    @Test
    @Timeout(60)
    void polls_from_several_threads_at_once_emit_each_event_once_and_in_order() throws Exception {
        var listener = new RecordingListener();
        Map<String, ChannelAttempt> attempts = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            Mode mode = Mode.values()[i % 3];
            ChannelAttempt a =
                    attempt(mode, mode == Mode.EMAIL ? "ada" + i + "@example.com" : "+1555555010" + (i % 10));
            attempts.put(channel.start(a, listener), a);
            clock.advance(Duration.ofMillis(100));
        }
        var gate = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> polls = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                polls.add(pool.submit(() -> {
                    gate.await();
                    for (int ms = offset * 100; ms <= 60_000; ms += 250) {
                        channel.poll(START.plusMillis(ms));
                    }
                    return null;
                }));
            }
            gate.countDown();
            for (Future<?> f : polls) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        channel.poll(START.plus(Duration.ofMinutes(5)));

        attempts.forEach((sid, a) -> assertWellFormed(listener, a, sid));
        assertThat(listener.events()).doesNotHaveDuplicates();
        assertThat(sim().inFlight()).isZero();
    }

    @Test
    void the_simulator_serves_every_mode_under_its_name() {
        assertThat(channel.name()).isEqualTo("simulator");
        assertThat(channel.modes()).containsExactlyInAnyOrder(Mode.values());
    }

    @Test
    void events_say_they_are_simulated() {
        var listener = new RecordingListener();
        channel.start(attempt(Mode.VOICE, "+15555550107"), listener);
        advance(Duration.ofSeconds(1));

        assertThat(listener.events())
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.detail()).startsWith("simulated"));
    }

    /** "QUEUED+0 SENT+1 DELIVERED+2!": status, whole seconds after START, "!" when ended. */
    private static String script(List<ChannelEvent> events) {
        return String.join(
                " ",
                events.stream()
                        .map(e -> e.status().name() + "+"
                                + Duration.between(START, e.at()).toSeconds() + (e.ended() ? "!" : ""))
                        .toList());
    }
}
