package dev.outbound.campaign;

import dev.outbound.calendar.RestrictedDatesJson;
import dev.outbound.contact.ContactLimit;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * OutboundCampaign, plus the extensions {@code timezone}, {@code hours_in}, {@code agent_url},
 * {@code contact_limit}, {@code duplicate_targets}, {@code retry_rules}, {@code machine_outcome},
 * {@code restricted_dates} ({@code []} when none) and {@code max_concurrent}.
 */
record CampaignView(
        long id,
        String campaignName,
        @Nullable String description,
        @Nullable String mode,
        @Nullable Integer smsSessionTtl,
        @Nullable String label,
        @Nullable List<String> labels,
        Map<String, String> campaignVariables,
        @Nullable String dailyStartTime,
        @Nullable String dailyEndTime,
        @Nullable String source,
        @Nullable String callerId,
        int hourlyRate,
        @Nullable Integer maxDailyCalls,
        int retryCount,
        @Nullable String retryInterval,
        List<String> activeDays,
        @Nullable JsonNode voicemailDetection,
        @Nullable List<String> allowedLineTypes,
        boolean includeUnknownLineTypes,
        @Nullable TargetFilters targetFilters,
        @Nullable Long agentId,
        Instant createdAt,
        Instant updatedAt,
        String lastUpdatedBy,
        List<WebhookView> webhooks,
        String timezone,
        String hoursIn,
        @Nullable String agentUrl,
        @Nullable ContactLimit contactLimit,
        String duplicateTargets,
        Map<String, Map<String, Object>> retryRules,
        String machineOutcome,
        JsonNode restrictedDates,
        @Nullable Integer maxConcurrent) {

    static CampaignView of(Campaign c, List<StoredWebhook> webhooks) {
        CampaignSettings s = c.settings();
        return new CampaignView(
                c.id(),
                s.name(),
                s.description(),
                s.mode(),
                s.smsSessionTtl(),
                s.label(),
                s.labels(),
                s.variables(),
                time(s.dailyStart()),
                time(s.dailyEnd()),
                s.source(),
                s.callerId(),
                s.hourlyRate(),
                s.maxDailyCalls(),
                s.retryCount(),
                s.retryInterval(),
                s.activeDays().stream().map(CampaignValues::day).toList(),
                s.voicemailDetection(),
                s.allowedLineTypes(),
                s.includeUnknownLineTypes(),
                s.targetFilters(),
                s.agentId(),
                c.createdAt(),
                c.updatedAt(),
                c.lastUpdatedBy(),
                webhooks.stream().map(WebhookView::of).toList(),
                s.timezone().getId(),
                s.hoursIn().wire(),
                s.agentUrl(),
                s.contactLimit(),
                s.duplicateTargets().wire(),
                s.retryRules().wire(),
                s.retryRules().machine().wire(),
                RestrictedDatesJson.node(s.restrictedDates()),
                s.maxConcurrent());
    }

    private static @Nullable String time(@Nullable LocalTime t) {
        return t == null ? null : CampaignValues.formatTime(t);
    }
}
