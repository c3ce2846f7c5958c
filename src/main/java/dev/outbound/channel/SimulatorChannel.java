package dev.outbound.channel;

import static dev.outbound.channel.ChannelManagerStatus.BOUNCED;
import static dev.outbound.channel.ChannelManagerStatus.BUSY;
import static dev.outbound.channel.ChannelManagerStatus.COMPLETED;
import static dev.outbound.channel.ChannelManagerStatus.DELIVERED;
import static dev.outbound.channel.ChannelManagerStatus.DROPPED;
import static dev.outbound.channel.ChannelManagerStatus.FAILED;
import static dev.outbound.channel.ChannelManagerStatus.HUMAN;
import static dev.outbound.channel.ChannelManagerStatus.IN_PROGRESS;
import static dev.outbound.channel.ChannelManagerStatus.MACHINE;
import static dev.outbound.channel.ChannelManagerStatus.NO_ANSWER;
import static dev.outbound.channel.ChannelManagerStatus.QUEUED;
import static dev.outbound.channel.ChannelManagerStatus.SENT;
import static dev.outbound.channel.ChannelManagerStatus.UNDELIVERED;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A channel that reaches nobody: it plays out a scripted outcome for each attempt on the service
 * {@link Clock}, for development, demos and tests. It has no threads of its own; {@link
 * #poll(Instant)} (called on every dispatcher tick) emits whatever is due.
 *
 * <p>{@link #start} emits {@code QUEUED} at once, from the caller's thread, and schedules the rest.
 * The outcome is chosen by the target's <b>last digit</b> (for an email address, the last digit of
 * the part before the {@code @}; 0 when there is no digit). Times are after the start:
 *
 * <table>
 *   <caption>Simulated outcomes (⏹ marks the event with {@code ended=true})</caption>
 *   <tr><th>Mode</th><th>Last digit</th><th>Events</th></tr>
 *   <tr><td>VOICE</td><td>0–6</td>
 *       <td>IN-PROGRESS +1s (ringing), HUMAN +2s (a person answered), COMPLETED +2s+talk time ⏹</td></tr>
 *   <tr><td>VOICE</td><td>7</td><td>BUSY +1s ⏹</td></tr>
 *   <tr><td>VOICE</td><td>8</td><td>IN-PROGRESS +1s, NO-ANSWER +30s ⏹</td></tr>
 *   <tr><td>VOICE</td><td>9</td><td>IN-PROGRESS +1s, MACHINE +3s ⏹ (a machine answered)</td></tr>
 *   <tr><td>SMS</td><td>0–6</td><td>SENT +1s, DELIVERED +2s ⏹</td></tr>
 *   <tr><td>SMS</td><td>7, 8</td><td>UNDELIVERED +2s ⏹</td></tr>
 *   <tr><td>SMS</td><td>9</td><td>FAILED +1s ⏹</td></tr>
 *   <tr><td>EMAIL</td><td>0–6</td><td>SENT +1s, DELIVERED +2s ⏹</td></tr>
 *   <tr><td>EMAIL</td><td>7, 8</td><td>BOUNCED +2s ⏹</td></tr>
 *   <tr><td>EMAIL</td><td>9</td><td>DROPPED +1s ⏹</td></tr>
 * </table>
 *
 * <p>The talk time is {@code OUTBOUND_SIMULATOR_TALK_TIME} (default 5s); with 0, COMPLETED is due at
 * the same instant as HUMAN and still comes after it. Each event's {@code at} is the instant it was
 * due, not the instant it was polled. Events due at the same instant come in the order they were
 * scheduled.
 *
 * <p>Idempotency: starting an attempt whose idempotency key was seen before answers the first sid
 * and schedules nothing. Keys are remembered until {@link #IDEMPOTENCY_RETENTION} after their
 * attempt ended, so memory stays bounded in a long-running service.
 *
 * <p>Thread-safe: {@link #start} may be called from many threads, concurrently with {@link #poll}.
 * Polls are serialised, so the listener sees events in order. A listener that throws is logged and
 * does not stop the other events.
 */
@Component
final class SimulatorChannel implements Channel {
    static final String NAME = "simulator";

    /** How long an idempotency key is remembered after its attempt ended. */
    static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(24);

    private static final Logger log = LoggerFactory.getLogger(SimulatorChannel.class);
    private static final Set<Mode> MODES = Set.copyOf(EnumSet.allOf(Mode.class));
    private static final HexFormat HEX = HexFormat.of();

    private final Clock clock;
    private final Duration talkTime;

    /** Idempotency key → sid. */
    private final ConcurrentHashMap<String, String> sidsByKey = new ConcurrentHashMap<>();

    private final ReentrantLock queueLock = new ReentrantLock();
    /** Guarded by {@link #queueLock}; ordered by due instant, then by scheduling order. */
    private final PriorityQueue<Due> queue =
            new PriorityQueue<>(Comparator.comparing(Due::at).thenComparingLong(Due::sequence));

    /** Serialises polls so the listener sees events in order. */
    private final ReentrantLock pollLock = new ReentrantLock();

    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    SimulatorChannel(Clock clock, SimulatorProperties properties) {
        this.clock = clock;
        this.talkTime = properties.talkTime();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Mode> modes() {
        return MODES;
    }

    /**
     * Plays out the outcome in the table above.
     *
     * @throws ChannelRefused when the target is blank
     */
    @Override
    public String start(ChannelAttempt attempt, ChannelListener listener) {
        if (attempt.target().isBlank()) {
            throw new ChannelRefused("the simulator needs a target");
        }
        String sid = newSid();
        String earlier = sidsByKey.putIfAbsent(attempt.idempotencyKey(), sid);
        if (earlier != null) {
            return earlier;
        }
        started.incrementAndGet();
        inFlight.incrementAndGet();
        Instant now = clock.instant();
        int digit = lastDigit(attempt.mode(), attempt.target());
        deliver(listener, event(attempt, sid, QUEUED, false, now, "simulated; last digit " + digit));
        List<Due> script = script(attempt, sid, digit, now, listener);
        queueLock.lock();
        try {
            queue.addAll(script);
        } finally {
            queueLock.unlock();
        }
        return sid;
    }

    /** Emits, in order, every event due at or before {@code now}. */
    @Override
    public void poll(Instant now) {
        pollLock.lock();
        try {
            for (Due due = takeDue(now); due != null; due = takeDue(now)) {
                ChannelEvent event = due.event();
                if (event == null) {
                    sidsByKey.remove(due.idempotencyKey(), due.sid());
                    continue;
                }
                if (event.ended()) {
                    inFlight.decrementAndGet();
                    scheduleForgetting(due);
                }
                deliver(due.listener(), event);
            }
        } finally {
            pollLock.unlock();
        }
    }

    /** Attempts started and not yet ended. */
    int inFlight() {
        return inFlight.get();
    }

    /** Attempts started (idempotent repeats not counted); for tests. */
    int started() {
        return started.get();
    }

    /** The digit that picks the outcome: see the class comment. */
    static int lastDigit(Mode mode, String target) {
        String part = target;
        if (mode == Mode.EMAIL) {
            int at = target.lastIndexOf('@');
            if (at >= 0) {
                part = target.substring(0, at);
            }
        }
        for (int i = part.length() - 1; i >= 0; i--) {
            char c = part.charAt(i);
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
        }
        return 0;
    }

    private List<Due> script(ChannelAttempt a, String sid, int digit, Instant start, ChannelListener listener) {
        var script = new Script(a, sid, start, listener);
        switch (a.mode()) {
            case VOICE -> {
                if (digit <= 6) {
                    script.add(1, IN_PROGRESS, false, "ringing");
                    script.add(2, HUMAN, false, "answered by a person");
                    script.add(Duration.ofSeconds(2).plus(talkTime), COMPLETED, true, "call completed");
                } else if (digit == 7) {
                    script.add(1, BUSY, true, "line busy");
                } else if (digit == 8) {
                    script.add(1, IN_PROGRESS, false, "ringing");
                    script.add(30, NO_ANSWER, true, "no answer");
                } else {
                    script.add(1, IN_PROGRESS, false, "ringing");
                    script.add(3, MACHINE, true, "answered by a machine");
                }
            }
            case SMS -> {
                if (digit <= 6) {
                    script.add(1, SENT, false, "sent");
                    script.add(2, DELIVERED, true, "delivered");
                } else if (digit <= 8) {
                    script.add(2, UNDELIVERED, true, "undelivered");
                } else {
                    script.add(1, FAILED, true, "failed");
                }
            }
            case EMAIL -> {
                if (digit <= 6) {
                    script.add(1, SENT, false, "sent");
                    script.add(2, DELIVERED, true, "delivered");
                } else if (digit <= 8) {
                    script.add(2, BOUNCED, true, "bounced");
                } else {
                    script.add(1, DROPPED, true, "dropped");
                }
            }
        }
        return script.dues;
    }

    /** Builds one attempt's scheduled events, in order. */
    private final class Script {
        private final ChannelAttempt attempt;
        private final String sid;
        private final Instant start;
        private final ChannelListener listener;
        private final List<Due> dues = new ArrayList<>(3);

        Script(ChannelAttempt attempt, String sid, Instant start, ChannelListener listener) {
            this.attempt = attempt;
            this.sid = sid;
            this.start = start;
            this.listener = listener;
        }

        void add(long seconds, ChannelManagerStatus status, boolean ended, String detail) {
            add(Duration.ofSeconds(seconds), status, ended, detail);
        }

        void add(Duration after, ChannelManagerStatus status, boolean ended, String detail) {
            Instant at = start.plus(after);
            dues.add(new Due(
                    at,
                    sequence.incrementAndGet(),
                    attempt.idempotencyKey(),
                    sid,
                    event(attempt, sid, status, ended, at, "simulated: " + detail),
                    listener));
        }
    }

    private void scheduleForgetting(Due ended) {
        var forget = new Due(
                ended.at().plus(IDEMPOTENCY_RETENTION),
                sequence.incrementAndGet(),
                ended.idempotencyKey(),
                ended.sid(),
                null,
                ended.listener());
        queueLock.lock();
        try {
            queue.add(forget);
        } finally {
            queueLock.unlock();
        }
    }

    private @Nullable Due takeDue(Instant now) {
        queueLock.lock();
        try {
            Due head = queue.peek();
            return head != null && !head.at().isAfter(now) ? queue.poll() : null;
        } finally {
            queueLock.unlock();
        }
    }

    private static ChannelEvent event(
            ChannelAttempt a, String sid, ChannelManagerStatus status, boolean ended, Instant at, String detail) {
        return new ChannelEvent(a.requestId(), a.attemptNo(), sid, status, ended, at, detail);
    }

    private static void deliver(ChannelListener listener, ChannelEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            log.error("Channel listener failed on {}", event, e);
        }
    }

    private static String newSid() {
        UUID u = UUID.randomUUID();
        return "SIM" + HEX.toHexDigits(u.getMostSignificantBits()) + HEX.toHexDigits(u.getLeastSignificantBits());
    }

    /**
     * Something due at an instant: an event to emit, or (event null) forgetting an idempotency key.
     */
    private record Due(
            Instant at,
            long sequence,
            String idempotencyKey,
            String sid,
            @Nullable ChannelEvent event,
            ChannelListener listener) {}
}
