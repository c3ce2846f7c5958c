package dev.outbound.campaign;

import dev.outbound.calendar.RestrictedDates;
import dev.outbound.contact.ContactLimit;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything a caller sets on a campaign except its webhooks, validated and normalised. A PUT
 * replaces all of it, so absent optional values take their defaults again.
 *
 * @param mode the mode as given (lower case), null when none was given; null dials as voice
 * @param agentUrl extension: where the voice channel hands an answered call to the agent (TwiML)
 * @param contactLimit extension: how often one person may be contacted; null is no limit
 * @param duplicateTargets extension: what an upload does with a second row for one person
 * @param retryRules extensions retry_rules and machine_outcome: retries by outcome
 * @param restrictedDates extension: dates on which nothing is attempted; none when not set
 * @param maxConcurrent extension: attempts in progress at once across the campaign's batches; null is no limit
 */
record CampaignSettings(
        String name,
        @Nullable String description,
        @Nullable String mode,
        @Nullable Integer smsSessionTtl,
        @Nullable String label,
        @Nullable List<String> labels,
        Map<String, String> variables,
        @Nullable LocalTime dailyStart,
        @Nullable LocalTime dailyEnd,
        @Nullable String source,
        @Nullable String callerId,
        int hourlyRate,
        @Nullable Integer maxDailyCalls,
        int retryCount,
        @Nullable String retryInterval,
        List<DayOfWeek> activeDays,
        @Nullable ObjectNode voicemailDetection,
        @Nullable List<String> allowedLineTypes,
        boolean includeUnknownLineTypes,
        @Nullable TargetFilters targetFilters,
        @Nullable Long agentId,
        ZoneId timezone,
        HoursIn hoursIn,
        @Nullable String agentUrl,
        @Nullable ContactLimit contactLimit,
        DuplicateTargets duplicateTargets,
        RetryRules retryRules,
        RestrictedDates restrictedDates,
        @Nullable Integer maxConcurrent) {}
