package dev.outbound.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
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
 * restriction lasts, up to {@link #HORIZON}. Past the last restricted date the windows repeat
 * every week, so a search that finds nothing two weeks after it is over answers "never" then
 * rather than stepping on for the whole horizon (as {@link CallingWindow#nextOpen} does; hours
 * shared only in the weeks two zones change clocks on different dates are not looked for).
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

    /** How long past the last restriction a search goes on: the weekly windows have repeated by then. */
    private static final Duration REPEATS_WITHIN = Duration.ofDays(CallingWindow.HORIZON_DAYS + 1L);

    /** The zones the campaign's window and restricted dates are read in, for this recipient. */
    public Set<ZoneId> windowZones(Recipient recipient) {
        return windowInRecipientZones ? recipient.zones() : Set.of(campaignZone);
    }

    /** Whether the calendar may hold anyone back beyond the campaign's hours read in its own zone. */
    public boolean judgesRecipients() {
        return windowInRecipientZones || !recipientRules.isEmpty();
    }

    /** Whether an attempt is allowed at {@code at}. */
    public boolean allows(Instant at, Recipient recipient) {
        return obstacle(at, recipient, rulesFor(recipient), true) == null;
    }

    /**
     * Whether the campaign lets a number in {@code zones} be dialled at {@code at}, before any
     * recipient rule: no restricted date and the window open there. {@code zones} are the
     * campaign's in campaign mode, a number's zone set in recipient mode.
     */
    public boolean openIn(Instant at, Set<ZoneId> zones) {
        for (ZoneId zone : zones) {
            if (restricted.covering(LocalDate.ofInstant(at, zone)).isPresent()) {
                return false;
            }
        }
        return window.isOpen(at, zones);
    }

    /** Why an attempt is not allowed at {@code at} and when it next is; empty when it is allowed. */
    public Optional<Closed> closedAt(Instant at, Recipient recipient) {
        return closed(at, recipient, true);
    }

    /**
     * {@link #closedAt} leaving out the campaign's hours: what a claim asks once the dispatcher has
     * found the campaign's window open for the tick, so a claim a moment after the window closed
     * still answers for the restricted dates and the recipient's rules.
     */
    public Optional<Closed> closedToRecipientAt(Instant at, Recipient recipient) {
        return closed(at, recipient, false);
    }

    private Optional<Closed> closed(Instant at, Recipient recipient, boolean campaignHours) {
        Obstacle o = obstacle(at, recipient, rulesFor(recipient), campaignHours);
        if (o == null) {
            return Optional.empty();
        }
        Instant until = o.next == null ? null : nextAllowed(o.next, recipient).orElse(null);
        return Optional.of(new Closed(o.cause, o.detail, until));
    }

    /** The first instant at or after {@code from} at which an attempt is allowed, within {@link #HORIZON}. */
    public Optional<Instant> nextAllowed(Instant from, Recipient recipient) {
        return opening(from, recipient).map(Opening::at);
    }

    /**
     * {@link #nextAllowed}, saying which restricted date or recipient rule made it later than the
     * campaign's window alone would have (the last one the search stepped over), if any did.
     */
    public Optional<Opening> opening(Instant from, Recipient recipient) {
        List<RecipientRule> rules = rulesFor(recipient);
        Instant limit = searchLimit(from);
        Instant t = from;
        Obstacle delay = null;
        while (!t.isAfter(limit)) {
            Obstacle o = obstacle(t, recipient, rules, true);
            if (o == null) {
                return Optional.of(opened(from, t, recipient, delay));
            }
            if (o.next == null || !o.next.isAfter(t)) {
                return Optional.empty();
            }
            if (o.cause != Closed.Cause.OUTSIDE_HOURS) {
                delay = o;
            }
            t = o.next;
        }
        return Optional.empty();
    }

    private Opening opened(Instant from, Instant at, Recipient recipient, @Nullable Obstacle delay) {
        if (delay == null || at.equals(from)) {
            return new Opening(at, null, null);
        }
        // Reported only if the window's own next opening is earlier: a restriction on a day the
        // campaign does not call anyway delayed nothing.
        Optional<Instant> windowAlone = window.nextOpen(from, windowZones(recipient));
        return windowAlone.isPresent() && windowAlone.get().isBefore(at)
                ? new Opening(at, delay.cause, delay.detail)
                : new Opening(at, null, null);
    }

    private Instant searchLimit(Instant from) {
        Instant horizon = from.plus(HORIZON);
        // Restrictions far ahead keep the search going until they are over.
        Instant quiet = from;
        if (!restricted.isEmpty()) {
            LocalDate lastEnd = restricted.dates().stream()
                    .map(RestrictedDate::end)
                    .max(LocalDate::compareTo)
                    .orElseThrow();
            // Two days on in UTC is past that date's end in every zone.
            Instant over = lastEnd.plusDays(2).atStartOfDay(ZoneId.of("UTC")).toInstant();
            quiet = over.isAfter(from) ? over : from;
        }
        Instant limit = quiet.plus(REPEATS_WITHIN);
        return limit.isBefore(horizon) ? limit : horizon;
    }

    /**
     * The real time the campaign's window is open between {@code from} and {@code to} on the
     * campaign's clock, restricted dates left out: what auto-pacing spreads the work over.
     */
    public Duration openTimeBetween(Instant from, Instant to) {
        Duration total = window.openTimeBetween(from, to, campaignZone);
        for (RestrictedDate run : runs()) {
            total = total.minus(openOn(run.start(), run.end(), from, to));
        }
        return total;
    }

    /** The restrictions merged into runs of days (sorted by start), so overlapping ones count once. */
    private List<RestrictedDate> runs() {
        var runs = new ArrayList<RestrictedDate>();
        for (RestrictedDate d : restricted.dates()) {
            RestrictedDate last = runs.isEmpty() ? null : runs.getLast();
            if (last != null && !d.start().isAfter(last.end().plusDays(1))) {
                if (d.end().isAfter(last.end())) {
                    runs.set(runs.size() - 1, new RestrictedDate(last.start(), d.end(), ""));
                }
            } else {
                runs.add(d);
            }
        }
        return runs;
    }

    private Duration openOn(LocalDate first, LocalDate last, Instant from, Instant to) {
        Instant start = CallingWindow.firstReading(first, LocalTime.MIDNIGHT, campaignZone);
        Instant end = CallingWindow.firstReading(last.plusDays(1), LocalTime.MIDNIGHT, campaignZone);
        Instant a = start.isAfter(from) ? start : from;
        Instant b = end.isBefore(to) ? end : to;
        return window.openTimeBetween(a, b, campaignZone);
    }

    private List<RecipientRule> rulesFor(Recipient recipient) {
        return recipientRules.isEmpty() ? List.of() : recipientRules.applyingTo(recipient.region());
    }

    /** The first obstacle at {@code at} in the documented order, and the earliest instant it may be gone. */
    private @Nullable Obstacle obstacle(
            Instant at, Recipient recipient, List<RecipientRule> rules, boolean campaignHours) {
        Set<ZoneId> zones = windowZones(recipient);
        for (ZoneId zone : zones) {
            var restriction = restricted.covering(LocalDate.ofInstant(at, zone));
            if (restriction.isPresent()) {
                Instant after =
                        CallingWindow.firstReading(restriction.get().end().plusDays(1), LocalTime.MIDNIGHT, zone);
                return new Obstacle(Closed.Cause.RESTRICTED_DATE, restricted(restriction.get(), zone), after);
            }
        }
        if (campaignHours && !window.isOpen(at, zones)) {
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

    private String restricted(RestrictedDate date, ZoneId zone) {
        return windowInRecipientZones ? date.describe() + " in " + zone.getId() : date.describe();
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
