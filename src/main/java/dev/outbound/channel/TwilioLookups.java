package dev.outbound.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Finds the call or message Twilio made for an attempt: those to the attempt's number created
 * since it started (less a few seconds: Twilio's dates have whole seconds), the earliest first.
 * When Twilio lists the status callback, it must carry the attempt's idempotency key; otherwise
 * any call to the number in that time counts as the attempt's, since dialling twice is worse
 * than recording a wrong outcome.
 */
final class TwilioLookups {
    static final Duration SKEW = Duration.ofSeconds(5);
    private final TwilioClient client;
    private final Clock clock;
    private final Duration smsDeliveryWait;

    TwilioLookups(TwilioClient client, Clock clock, Duration smsDeliveryWait) {
        this.client = client;
        this.clock = clock;
        this.smsDeliveryWait = smsDeliveryWait;
    }

    Optional<ChannelLookup> find(ChannelAttempt attempt, Instant startedAt) {
        boolean voice = attempt.mode() == Mode.VOICE;
        var query = new LinkedHashMap<String, String>();
        query.put("To", attempt.target());
        query.put("PageSize", "50");
        JsonNode page = client.get(voice ? "Calls.json" : "Messages.json", query);
        JsonNode best = null;
        Instant bestAt = null;
        for (JsonNode item : page.path(voice ? "calls" : "messages")) {
            Instant created = date(item.path("date_created").asString(""));
            if (created == null || created.isBefore(startedAt.minus(SKEW)) || !ours(item, attempt)) {
                continue;
            }
            if (bestAt == null || created.isBefore(bestAt)) {
                best = item;
                bestAt = created;
            }
        }
        if (best == null) {
            return Optional.of(ChannelLookup.NEVER_PLACED);
        }
        String status = best.path("status").asString("");
        String answeredBy =
                best.path("answered_by").isString() ? best.path("answered_by").asString() : null;
        JsonNode error = best.path("error_code");
        String errorCode = error.isNumber() || error.isString() ? error.asString() : null;
        TwilioStatuses.Mapped m =
                voice ? TwilioStatuses.call(status, answeredBy) : TwilioStatuses.message(status, errorCode);
        if (m == null) {
            m = new TwilioStatuses.Mapped(ChannelManagerStatus.QUEUED, false);
        }
        String detail = "twilio (reconciled): " + status + (answeredBy == null ? "" : ", answered by " + answeredBy)
                + (errorCode == null || errorCode.isBlank() ? "" : ", error " + errorCode);
        if (!voice && !m.ended() && !clock.instant().isBefore(startedAt.plus(smsDeliveryWait))) {
            // The carrier never said: the message may have arrived. Ending it as unknown, not
            // failed, keeps it from being sent again to someone who may have read it.
            m = new TwilioStatuses.Mapped(ChannelManagerStatus.DELIVERY_UNKNOWN, true);
            detail += "; no delivery report within " + smsDeliveryWait;
        }
        return Optional.of(new ChannelLookup(new ChannelEvent(
                attempt.requestId(),
                attempt.attemptNo(),
                best.path("sid").asString(""),
                m.status(),
                m.ended(),
                clock.instant(),
                detail)));
    }

    private static boolean ours(JsonNode item, ChannelAttempt attempt) {
        JsonNode callback = item.path("status_callback");
        if (!callback.isString() || callback.asString().isBlank()) {
            return true;
        }
        return TwilioQuery.parse(query(callback.asString()))
                .getOrDefault("k", "")
                .equals(attempt.idempotencyKey());
    }

    private static @Nullable String query(String url) {
        int q = url.indexOf('?');
        return q < 0 ? null : url.substring(q + 1);
    }

    static @Nullable Instant date(String s) {
        if (s.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
