package dev.outbound.dispatch;

import dev.outbound.batch.DialableBatch;
import dev.outbound.calendar.Opening;
import dev.outbound.campaign.CampaignRules;
import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.request.RequestState;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When and how fast a batch's attempts may be made: whether its calling window is open, which
 * recipient zones are open, the rate, and when a retry is due. Every answer comes from the
 * campaign's {@link dev.outbound.calendar.AttemptCalendar}, restricted dates included.
 */
interface AttemptTiming {
    /**
     * Whether the campaign-level window lets the batch dial now: open, and not a restricted date
     * in the campaign's zone (always true in recipient mode).
     */
    boolean open(CampaignRules rules, Instant now);

    /**
     * In recipient mode, the stored time-zone sets of the batch whose window is open now and whose
     * local date is restricted in none of their zones (claims take only those); null in campaign
     * mode, meaning no filter.
     */
    @Nullable
    Collection<String> openZoneSets(long batchPk, CampaignRules rules, Instant now);

    /** Attempts per hour for the batch now (call_rate, campaign rate, or auto-paced). */
    double rate(DialableBatch batch, CampaignRules rules, long remaining, Instant now);

    /**
     * When a request not reached after {@code attemptsMade} attempts, the last ending with {@code
     * outcome}, may be tried again, if ever: the calendar's first allowed instant after the
     * outcome's interval, before the batch expires, with what delayed it past the interval.
     */
    Optional<Opening> retryAt(
            CampaignRules rules,
            RequestState request,
            ChannelManagerStatus outcome,
            int attemptsMade,
            Instant endedAt,
            @Nullable Instant expiresOn);
}
