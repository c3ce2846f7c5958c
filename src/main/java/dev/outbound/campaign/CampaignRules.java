package dev.outbound.campaign;

import dev.outbound.calendar.CallingWindow;
import dev.outbound.calendar.RestrictedDates;
import dev.outbound.channel.Mode;
import dev.outbound.contact.ContactLimit;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What other capabilities need of a campaign: how to validate targets and when and how fast to
 * reach them, and which targets it may reach. A null daily start/end means the whole day.
 *
 * @param restrictedDates the campaign's own (extension {@code restricted_dates}); the organization's add to them
 * @param maxConcurrent attempts in progress at once across the campaign's batches (extension), null for no limit
 */
public record CampaignRules(
        long id,
        long organizationId,
        Mode mode,
        ZoneId timezone,
        HoursIn hoursIn,
        Set<DayOfWeek> activeDays,
        @Nullable LocalTime dailyStart,
        @Nullable LocalTime dailyEnd,
        int hourlyRate,
        @Nullable Integer maxDailyCalls,
        int retryCount,
        @Nullable Duration retryInterval,
        Targeting targeting,
        ContactLimit contactLimit,
        DuplicateTargets duplicateTargets,
        RetryRules retryRules,
        RestrictedDates restrictedDates,
        @Nullable Integer maxConcurrent) {

    public CampaignRules {
        activeDays = Set.copyOf(activeDays);
    }

    /** The weekly window the campaign's hours describe. */
    public CallingWindow window() {
        return new CallingWindow(activeDays, dailyStart, dailyEnd);
    }
}
