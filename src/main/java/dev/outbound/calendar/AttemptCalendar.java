package dev.outbound.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * When a request may be attempted: the one model the dispatcher (claims, retries, callbacks), the
 * forecast and the console all ask. An instant is allowed for a recipient when
 *
 * <ol>
 *   <li>it is on no restricted date, read on the clock the campaign's hours are read on (the
 *       campaign's zone, or with {@code hours_in: recipient} every zone the number may be in);
 *   <li>the campaign's window is open on that clock;
 *   <li>every recipient rule for the recipient's region is open on the recipient's own clock.
 * </ol>
 *
 * The search for the next allowed instant steps from one obstacle to the end of it (the day
 * after a restriction, the next opening of a window), so it finds a window however long a
 * restriction lasts, up to {@link #HORIZON}.
 *
 * @param windowInRecipientZones whether the campaign's hours and dates are read on the recipient's clock
 */
public record AttemptCalendar(
        CallingWindow window,
        boolean windowInRecipientZones,
        ZoneId campaignZone,
        RestrictedDates restricted,
        RecipientRules recipientRules) {

    /** How far ahead an allowed instant is looked for; beyond it, a request is never attempted. */
    public static final Duration HORIZON = Duration.ofDays(3 * 366);

    /** The zones the campaign's window and restricted dates are read in, for this recipient. */
    public Set<ZoneId> windowZones(Recipient recipient) {
        return windowInRecipientZones ? recipient.zones() : Set.of(campaignZone);
    }

    /** Whether an attempt is allowed at {@code at}. */
    public boolean allows(Instant at, Recipient recipient) {
        return obstacle(at, recipient, recipientRules.applyingTo(recipient.region())) == null;
    }

    /** Why an attempt is not allowed at {@code at} and when it next is; empty when it is allowed. */
    public Optional<Closed> closedAt(Instant at, Recipient recipient) {
        Obstacle o = obstacle(at, recipient, recipientRules.applyingTo(recipient.region()));
        if (o == null) {
            return Optional.empty();
        }
        Instant until = o.next == null ? null : nextAllowed(o.next, recipient).orElse(null);
        return Optional.of(new Closed(o.cause, o.detail, until));
    }

    /** The first instant at or after {@code from} at which an attempt is allowed, within {@link #HORIZON}. */
    public Optional<Instant> nextAllowed(Instant from, Recipient recipient) {
        List<RecipientRule> rules = recipientRules.applyingTo(recipient.region());
        Instant limit = from.plus(HORIZON);
        Instant t = from;
        while (!t.isAfter(limit)) {
            Obstacle o = obstacle(t, recipient, rules);
            if (o == null) {
                return Optional.of(t);
            }
            if (o.next == null || !o.next.isAfter(t)) {
                return Optional.empty();
            }
            t = o.next;
        }
        return Optional.empty();
    }

    /** The first obstacle at {@code at} in the documented order, and the earliest instant it may be gone. */
    private @Nullable Obstacle obstacle(Instant at, Recipient recipient, List<RecipientRule> rules) {
        Set<ZoneId> zones = windowZones(recipient);
        for (ZoneId zone : zones) {
            var date = LocalDate.ofInstant(at, zone);
            var restriction = restricted.covering(date);
            if (restriction.isPresent()) {
                Instant after =
                        CallingWindow.firstReading(restriction.get().end().plusDays(1), LocalTime.MIDNIGHT, zone);
                return new Obstacle(
                        Closed.Cause.RESTRICTED_DATE, restriction.get().describe(), after);
            }
        }
        if (!window.isOpen(at, zones)) {
            return new Obstacle(
                    Closed.Cause.OUTSIDE_HOURS,
                    "outside the campaign's hours " + describe(window),
                    window.nextOpen(at, zones).orElse(null));
        }
        for (RecipientRule rule : rules) {
            if (!rule.window().isOpen(at, recipient.zones())) {
                return new Obstacle(
                        Closed.Cause.OUTSIDE_RECIPIENT_HOURS,
                        rule.region() + " allows " + describe(rule.window()) + " recipient time",
                        rule.window().nextOpen(at, recipient.zones()).orElse(null));
            }
        }
        return null;
    }

    private record Obstacle(
            Closed.Cause cause, String detail, @Nullable Instant next) {}

    /** {@code 08:00-20:00 Mon-Fri}: how a window is named in reasons and the console. */
    public static String describe(CallingWindow w) {
        String hours = (w.dailyStart() == null ? "00:00" : w.dailyStart().toString()) + "-"
                + (w.dailyEnd() == null ? "24:00" : w.dailyEnd().toString());
        if (w.activeDays().size() == 7) {
            return hours + " every day";
        }
        if (w.activeDays().isEmpty()) {
            return "never";
        }
        return hours + " "
                + w.activeDays().stream()
                        .sorted()
                        .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                        .collect(Collectors.joining(","));
    }
}
