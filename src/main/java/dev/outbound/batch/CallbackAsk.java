package dev.outbound.batch;

import dev.outbound.api.JsonFields;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A callback someone asked for: {@code {"at": "2026-12-07T15:00:00-05:00", "note": "..."}}, the
 * body of the callback endpoint and the {@code callback} field of the agent's conversation report.
 *
 * @param at when the person asked to be called, never earlier than the moment it was asked
 * @param note why, kept as the request's {@code reason_detail}
 * @param atLoc where {@code at} was in the body, for the errors found once the request is read
 */
public record CallbackAsk(Instant at, @Nullable String note, List<Object> atLoc) {
    public static final int MAX_NOTE = 500;
    /** How far in the past {@code at} may be (a clock a little behind); it then means "now". */
    public static final Duration TOLERANCE = Duration.ofMinutes(1);

    /** Reads {@code f}'s {@code at} and {@code note}, recording violations on {@code f}; null when invalid. */
    public static @Nullable CallbackAsk read(JsonFields f, Clock clock) {
        String at = f.string("at", true);
        String note = f.string("note", false);
        if (note != null && note.length() > MAX_NOTE) {
            f.fail("note", "note must be at most " + MAX_NOTE + " characters", "string_too_long");
        }
        if (at == null) {
            return null;
        }
        Instant parsed;
        try {
            // An offset is required: "15:00" means nothing without knowing whose 15:00.
            parsed = OffsetDateTime.parse(at.strip()).toInstant();
        } catch (DateTimeParseException e) {
            f.fail(
                    "at",
                    "Input should be a datetime with an offset (ISO 8601, e.g. 2026-12-07T15:00:00-05:00)",
                    "datetime_parsing");
            return null;
        }
        Instant now = clock.instant();
        if (parsed.isBefore(now.minus(TOLERANCE))) {
            f.fail("at", "at must not be in the past (it is " + now + " now)", "value_error");
            return null;
        }
        if (note != null && note.length() > MAX_NOTE) {
            return null;
        }
        return new CallbackAsk(
                parsed.isBefore(now) ? now : parsed, note == null || note.isBlank() ? null : note, f.at("at"));
    }
}
