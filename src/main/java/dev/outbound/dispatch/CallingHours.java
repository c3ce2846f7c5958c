package dev.outbound.dispatch;

import dev.outbound.batch.DialableBatch;
import dev.outbound.calendar.AttemptCalendar;
import dev.outbound.calendar.Opening;
import dev.outbound.campaign.CampaignRules;
import dev.outbound.campaign.HoursIn;
import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.request.RecipientZones;
import dev.outbound.request.RequestState;
import dev.outbound.request.Requests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@link AttemptTiming} from the campaign's calendar (cached with its rules). In recipient mode each
 * request carries its number's time-zone set; the distinct sets of a batch are few and cached
 * briefly, so a claim filters by "sets open now" (window open, date not restricted) instead of
 * evaluating the calendar per row.
 */
@Component
class CallingHours implements AttemptTiming {
    private static final Duration ZONE_SETS_TTL = Duration.ofSeconds(30);
    /** Far more batches than are dialling at once; finished batches are evicted, not kept forever. */
    private static final long MAX_BATCHES = 100_000;

    private final Requests requests;
    private final RulesCache cache;
    private final Calendars calendars;
    private final ClockedCache<List<String>> zoneSets;

    CallingHours(Requests requests, RulesCache cache, Calendars calendars, Clock clock) {
        this.requests = requests;
        this.cache = cache;
        this.calendars = calendars;
        this.zoneSets = new ClockedCache<>(clock, ZONE_SETS_TTL, MAX_BATCHES);
    }

    @Override
    public boolean open(CampaignRules rules, Instant now) {
        return rules.hoursIn() == HoursIn.RECIPIENT || cache.calendar(rules).openIn(now, Set.of(rules.timezone()));
    }

    @Override
    public @Nullable Collection<String> openZoneSets(long batchPk, CampaignRules rules, Instant now) {
        if (rules.hoursIn() != HoursIn.RECIPIENT) {
            return null;
        }
        AttemptCalendar calendar = cache.calendar(rules);
        return sets(batchPk).stream()
                .filter(s -> calendar.openIn(now, zones(s, rules)))
                .toList();
    }

    private List<String> sets(long batchPk) {
        return zoneSets.get(batchPk, requests::pendingZoneSets);
    }

    /** A stored set, or the campaign's zone when the number's zone is unknown. */
    static Set<ZoneId> zones(@Nullable String stored, CampaignRules rules) {
        Set<ZoneId> parsed = stored == null || stored.isBlank() ? Set.of() : RecipientZones.parseZones(stored);
        return parsed.isEmpty() ? Set.of(rules.timezone()) : parsed;
    }

    @Override
    public double rate(DialableBatch batch, CampaignRules rules, long remaining, Instant now) {
        return Pacing.rate(
                batch.autoCallRate(),
                batch.expiresOn(),
                batch.autoCallRateBaseline(),
                batch.callRate(),
                rules,
                cache.calendar(rules),
                remaining,
                now);
    }

    @Override
    public Optional<Opening> retryAt(
            CampaignRules rules,
            RequestState request,
            ChannelManagerStatus outcome,
            int attemptsMade,
            Instant endedAt,
            @Nullable Instant expiresOn) {
        AttemptCalendar calendar = cache.calendar(rules);
        var recipient =
                calendars.recipient(calendar, rules, request.timeZones(), request.target(), request.variablesJson());
        return RetryPolicy.of(rules).nextAttempt(outcome, attemptsMade, endedAt, expiresOn, calendar, recipient);
    }
}
