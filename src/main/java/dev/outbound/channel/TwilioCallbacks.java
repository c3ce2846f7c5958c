package dev.outbound.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's status callbacks: checks each one's signature, turns it into a {@link ChannelEvent}
 * and hands it to the listener of its attempt (the one given to {@code start} on this node, else
 * the dispatcher's). Callbacks may come twice or out of order: one that is not further along than
 * what this node already passed on for the call is dropped; the recorder guards the rest.
 */
final class TwilioCallbacks {
    private static final Logger log = LoggerFactory.getLogger(TwilioCallbacks.class);
    private static final Duration REMEMBER = Duration.ofHours(1);

    enum Kind {
        CALL,
        MESSAGE
    }

    private record Seen(int rank, Instant at) {}

    private record Expected(ChannelListener listener, Instant since) {}

    private final TwilioSignature signature;
    private final TwilioProperties properties;
    private final Clock clock;
    private final Supplier<@Nullable ChannelListener> fallback;
    private final Map<String, Expected> listeners = new ConcurrentHashMap<>();
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private volatile Instant nextSweep = Instant.MIN;

    TwilioCallbacks(TwilioProperties properties, Clock clock, Supplier<@Nullable ChannelListener> fallback) {
        this.signature = new TwilioSignature(properties.authToken());
        this.properties = properties;
        this.clock = clock;
        this.fallback = fallback;
    }

    /**
     * Events of this attempt go to {@code listener} on this node. Called before the call or
     * message is created: Twilio may call back before its answer to the create has arrived.
     */
    void expect(long requestId, int attemptNo, ChannelListener listener) {
        listeners.put(key(requestId, attemptNo), new Expected(listener, clock.instant()));
    }

    /** The attempt was never created: nothing will come back for it. */
    void forget(long requestId, int attemptNo) {
        listeners.remove(key(requestId, attemptNo));
    }

    private static String key(long requestId, int attemptNo) {
        return requestId + "/" + attemptNo;
    }

    /**
     * One callback, as Twilio sent it.
     *
     * @param path the request path (e.g. /twilio/voice/status)
     * @param rawQuery the query string exactly as received, null if none
     * @param params the POST (form) parameters
     * @return false when the signature does not match: the caller answers 403
     */
    boolean receive(
            Kind kind, String path, @Nullable String rawQuery, Map<String, String> params, @Nullable String sig) {
        String url = properties.publicBase() + path + (rawQuery == null ? "" : "?" + rawQuery);
        if (!signature.valid(url, params, sig)) {
            return false;
        }
        Map<String, String> query = TwilioQuery.parse(rawQuery);
        Long requestId = TwilioQuery.number(query.get("r"));
        Long attemptNo = TwilioQuery.number(query.get("a"));
        if (requestId == null || attemptNo == null) {
            log.warn("Signed Twilio callback without request and attempt in its URL: {}", path);
            return true;
        }
        ChannelEvent event = event(kind, requestId, attemptNo.intValue(), params);
        if (event != null) {
            deliver(event);
        }
        return true;
    }

    private @Nullable ChannelEvent event(Kind kind, long requestId, int attemptNo, Map<String, String> p) {
        String sid = kind == Kind.CALL ? p.get("CallSid") : p.getOrDefault("MessageSid", p.get("SmsSid"));
        String status = kind == Kind.CALL ? p.get("CallStatus") : p.getOrDefault("MessageStatus", p.get("SmsStatus"));
        if (sid == null || status == null) {
            return null;
        }
        String answeredBy = p.get("AnsweredBy");
        TwilioStatuses.Mapped m = kind == Kind.CALL
                ? TwilioStatuses.call(status, answeredBy)
                : TwilioStatuses.message(status, p.get("ErrorCode"));
        if (m == null) {
            return null;
        }
        return new ChannelEvent(
                requestId, attemptNo, sid, m.status(), m.ended(), at(p.get("Timestamp")), detail(status, p));
    }

    /** Passes on an event unless this node already passed on one as far along for its sid. */
    void deliver(ChannelEvent e) {
        Instant now = clock.instant();
        int rank = TwilioStatuses.rank(e.status(), e.ended());
        boolean[] fresh = {false};
        seen.compute(e.channelSid(), (sid, prev) -> {
            if (prev != null && prev.rank() >= rank) {
                return prev;
            }
            fresh[0] = true;
            return new Seen(rank, now);
        });
        sweep(now);
        if (!fresh[0]) {
            return;
        }
        String key = key(e.requestId(), e.attemptNo());
        Expected expected = e.ended() ? listeners.remove(key) : listeners.get(key);
        ChannelListener listener = expected != null ? expected.listener() : fallback.get();
        if (listener == null) {
            log.warn("No listener for Twilio event of request {}", e.requestId());
            return;
        }
        try {
            listener.on(e);
        } catch (RuntimeException ex) {
            log.error("Channel listener failed on {}", e, ex);
        }
    }

    private void sweep(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(Duration.ofMinutes(1));
        Instant before = now.minus(REMEMBER);
        seen.entrySet().removeIf(x -> x.getValue().at().isBefore(before));
        listeners.values().removeIf(x -> x.since().isBefore(before));
    }

    private Instant at(@Nullable String timestamp) {
        if (timestamp != null) {
            try {
                return ZonedDateTime.parse(timestamp, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        return clock.instant();
    }

    private static String detail(String status, Map<String, String> p) {
        var d = new StringBuilder("twilio: ").append(status);
        String by = p.get("AnsweredBy");
        if (by != null) {
            d.append(", answered by ").append(by);
        }
        String error = p.get("ErrorCode");
        if (error != null && !error.isBlank()) {
            d.append(", error ").append(error);
        }
        return d.toString();
    }
}
