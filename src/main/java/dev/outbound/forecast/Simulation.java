package dev.outbound.forecast;

import dev.outbound.calendar.AttemptCalendar;
import dev.outbound.calendar.CallingWindow;
import dev.outbound.calendar.Recipient;
import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.dispatch.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link Plan} forward on a virtual clock, the way the dispatcher would: in steps of {@link
 * Plan#step()}, each taking what the pace, capacity and daily cap allow from the requests that are
 * due and allowed by the calendar, oldest due first (the claim's order), shared evenly among
 * requests due at the same instant (the claim takes them by upload order, which mixes zones).
 * Every attempt splits by the outcome mix; the part not reached comes back as a retry by the
 * campaign's rule for its outcome, at the calendar's next allowed instant. Closed periods are
 * jumped over, not stepped through. Counts are expected values, not whole requests.
 */
final class Simulation {
    /** A ten-thousandth of a request: less than this of a share is dropped, as no count shows it. */
    private static final double EPSILON = 1e-4;
    /** The last attempt is where less than half an expected attempt is left after it. */
    private static final double LAST_ATTEMPT = 0.5;
    /** A guard against a plan that would never end; the calendar itself looks 3 years ahead. */
    private static final int MAX_STEPS = 5_000_000;

    private final Plan plan;
    private final AttemptCalendar calendar;
    private final Duration attemptLength;
    private final PriorityQueue<Share> waiting = new PriorityQueue<>(Comparator.comparing(s -> s.readyAt));
    private final TreeMap<Instant, List<Share>> ready = new TreeMap<>();
    private final TreeMap<LocalDate, Double> byDay = new TreeMap<>();
    private final List<Instant> stepTimes = new ArrayList<>();
    private final List<Double> stepAttempts = new ArrayList<>();
    private final Map<Recipient, Boolean> openNow = new HashMap<>();
    /** The calendar's answers in this step: retries of one recipient mostly fall due at the same instants. */
    private final Map<RetryKey, Optional<Instant>> nextNow = new HashMap<>();

    private Instant t;
    private double pending;
    private double unattempted;
    private @Nullable LocalDate capDay;
    private double capUsed;
    private boolean expired;

    private Simulation(Plan plan) {
        this.plan = plan;
        this.calendar = plan.calendar();
        this.attemptLength = plan.mix().attemptDuration();
        this.t = plan.now();
    }

    static Projection run(Plan plan) {
        return new Simulation(plan).run();
    }

    private Projection run() {
        for (Cohort c : plan.waiting()) {
            add(c);
        }
        for (int steps = 0; steps < MAX_STEPS && (!waiting.isEmpty() || !ready.isEmpty()); steps++) {
            if (plan.expiresOn() != null && !t.isBefore(plan.expiresOn())) {
                expireAll();
                break;
            }
            promote();
            if (ready.isEmpty()) {
                t = waiting.element().readyAt;
                continue;
            }
            double budget = budget();
            if (budget < 0) {
                continue; // the day's cap is used up; budget() moved to the next day
            }
            openNow.clear();
            nextNow.clear();
            serve(budget);
            t = t.plus(plan.step());
        }
        return projection();
    }

    /** A cohort, spread over its due range in up to 12 parts. */
    private void add(Cohort c) {
        int parts = c.firstDue().equals(c.lastDue()) ? 1 : (int) Math.max(1, Math.min(12, Math.ceil(c.count())));
        Duration span = Duration.between(c.firstDue(), c.lastDue());
        for (int i = 0; i < parts; i++) {
            Instant due = parts == 1
                    ? c.firstDue()
                    : c.firstDue().plus(span.multipliedBy(i).dividedBy(parts - 1));
            schedule(c.recipient(), c.attemptsSoFar(), due, c.count() / parts);
        }
    }

    /** Waits for the calendar to allow it, or ends it when that is never before the batch expires. */
    private void schedule(Recipient r, int attemptsSoFar, Instant due, double count) {
        if (count < EPSILON) {
            return;
        }
        Instant from = due.isBefore(t) ? t : due;
        Optional<Instant> at = nextNow.computeIfAbsent(new RetryKey(r, 0, from), k -> calendar.nextAllowed(from, r));
        if (at.isEmpty() || (plan.expiresOn() != null && !at.get().isBefore(plan.expiresOn()))) {
            if (attemptsSoFar == 0) {
                unattempted += count; // a retry that never comes fails; a first attempt expires
            }
            return;
        }
        waiting.add(new Share(r, attemptsSoFar, due, count, at.get()));
        pending += count;
    }

    private void promote() {
        while (!waiting.isEmpty() && !waiting.element().readyAt.isAfter(t)) {
            Share s = waiting.remove();
            ready.computeIfAbsent(s.due, d -> new ArrayList<>()).add(s);
        }
    }

    /** Attempts this step may make: the pace, within capacity and the day's cap; -1 when the cap is used up. */
    private double budget() {
        double hours = plan.step().toNanos() / 3.6e12;
        double budget = plan.pace().perHour(t, pending) * hours;
        if (plan.maxConcurrent() != null && attemptLength.toMillis() > 0) {
            // Little's law: at most maxConcurrent attempts of the mean length in progress at once.
            budget =
                    Math.min(budget, plan.maxConcurrent() * plan.step().toMillis() / (double) attemptLength.toMillis());
        }
        if (plan.maxDailyCalls() != null) {
            LocalDate day = LocalDate.ofInstant(t, plan.campaignZone());
            if (!day.equals(capDay)) {
                capDay = day;
                capUsed = day.equals(LocalDate.ofInstant(plan.now(), plan.campaignZone())) ? plan.madeToday() : 0;
            }
            double left = plan.maxDailyCalls() - capUsed;
            if (left < EPSILON) {
                t = CallingWindow.firstReading(day.plusDays(1), LocalTime.MIDNIGHT, plan.campaignZone());
                return -1;
            }
            budget = Math.min(budget, left);
        }
        return budget;
    }

    /** Takes up to {@code budget} attempts from the due shares, oldest due first, evenly within a due instant. */
    private void serve(double budget) {
        var retries = new HashMap<RetryKey, Double>();
        Iterator<Map.Entry<Instant, List<Share>>> it = ready.entrySet().iterator();
        while (budget > EPSILON && it.hasNext()) {
            List<Share> group = it.next().getValue();
            double open = 0;
            for (Iterator<Share> g = group.iterator(); g.hasNext(); ) {
                Share s = g.next();
                if (isOpen(s.recipient)) {
                    open += s.count;
                } else {
                    g.remove();
                    pending -= s.count;
                    schedule(s.recipient, s.attemptsSoFar, s.due, s.count);
                }
            }
            double take = open <= budget ? 1 : budget / open;
            for (Iterator<Share> g = group.iterator(); g.hasNext(); ) {
                Share s = g.next();
                double x = s.count * take;
                attempt(s, x, retries);
                s.count -= x;
                if (s.count < EPSILON) {
                    g.remove();
                }
            }
            budget -= open * take;
            if (group.isEmpty()) {
                it.remove();
            }
        }
        retries.forEach((k, count) -> schedule(k.recipient, k.attemptsSoFar, k.due, count));
    }

    private boolean isOpen(Recipient r) {
        return openNow.computeIfAbsent(r, x -> calendar.allows(t, x));
    }

    /** {@code x} attempts of share {@code s} now, and the retries their outcomes bring. */
    private void attempt(Share s, double x, Map<RetryKey, Double> retries) {
        if (x <= 0) {
            return;
        }
        pending -= x;
        capUsed += x;
        byDay.merge(LocalDate.ofInstant(t, plan.campaignZone()), x, Double::sum);
        if (stepTimes.isEmpty() || !stepTimes.getLast().equals(t)) {
            stepTimes.add(t);
            stepAttempts.add(0.0);
        }
        stepAttempts.set(stepAttempts.size() - 1, stepAttempts.getLast() + x);
        int made = s.attemptsSoFar + 1;
        Instant ended = t.plus(attemptLength);
        for (Map.Entry<ChannelManagerStatus, Double> o : plan.mix().shares().entrySet()) {
            ChannelManagerStatus status = o.getKey();
            if (Outcome.of(status, true) == Outcome.NOT_REACHED
                    && !plan.retries().completes(status)
                    && plan.retries().hasRetriesLeft(status, made)) {
                Instant due = ended.plus(plan.retries().ruleFor(status).interval());
                retries.merge(new RetryKey(s.recipient, made, due), x * o.getValue(), Double::sum);
            }
        }
    }

    private void expireAll() {
        expired = true;
        for (Share s : waiting) {
            unattempted += s.fresh() ? s.count : 0;
        }
        ready.values().forEach(g -> g.forEach(s -> unattempted += s.fresh() ? s.count : 0));
    }

    private Projection projection() {
        double total = stepAttempts.stream().mapToDouble(Double::doubleValue).sum();
        Instant finish = null;
        if (expired && unattempted >= LAST_ATTEMPT) {
            finish = plan.expiresOn();
        } else if (total >= LAST_ATTEMPT) {
            double seen = 0;
            for (int i = 0; i < stepTimes.size() && finish == null; i++) {
                seen += stepAttempts.get(i);
                if (seen >= total - LAST_ATTEMPT) {
                    finish = stepTimes.get(i).plus(attemptLength);
                }
            }
        }
        return new Projection(stepTimes.isEmpty() ? null : stepTimes.getFirst(), finish, total, unattempted, byDay);
    }

    private record RetryKey(Recipient recipient, int attemptsSoFar, Instant due) {}
}
