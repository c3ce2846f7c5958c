package dev.outbound.dispatch;

import dev.outbound.calendar.AttemptCalendar;
import dev.outbound.calendar.Recipient;
import dev.outbound.calendar.Regions;
import dev.outbound.campaign.CampaignRules;
import dev.outbound.campaign.HoursIn;
import dev.outbound.policy.Policies;
import dev.outbound.request.RecipientZones;
import java.time.ZoneId;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The {@link AttemptCalendar} of a campaign: its window and restricted dates, with its
 * organization's restricted dates and recipient rules, so that the dispatcher, the forecast and
 * the console read the same rules.
 */
@Component
public class Calendars {
    private final Policies policies;
    private final Regions regions;

    Calendars(Policies policies, Regions regions) {
        this.policies = policies;
        this.regions = regions;
    }

    public AttemptCalendar of(CampaignRules rules) {
        long org = rules.organizationId();
        return new AttemptCalendar(
                rules.window(),
                rules.hoursIn() == HoursIn.RECIPIENT,
                rules.timezone(),
                rules.restrictedDates().and(policies.restrictedDates(org)),
                policies.recipientRules(org));
    }

    /**
     * Where a request's recipient is: its number's zones (stored in recipient mode, else found
     * from the number; the campaign's when unknown) and region.
     */
    public Recipient recipient(
            CampaignRules rules, @Nullable String storedZones, String target, @Nullable String variablesJson) {
        return new Recipient(zones(rules, storedZones, target), regions.of(target, variablesJson));
    }

    /**
     * {@link #recipient(CampaignRules, String, String, String)} for a calendar, with only what it
     * reads: without recipient rules the region and (in campaign mode) the zones are not looked up.
     */
    public Recipient recipient(
            AttemptCalendar calendar,
            CampaignRules rules,
            @Nullable String storedZones,
            String target,
            @Nullable String variablesJson) {
        if (calendar.recipientRules().isEmpty()) {
            return new Recipient(CallingHours.zones(storedZones, rules), null);
        }
        return recipient(rules, storedZones, target, variablesJson);
    }

    /** A campaign in campaign mode stores no zones, but a recipient rule reads the recipient's clock. */
    private static Set<ZoneId> zones(CampaignRules rules, @Nullable String storedZones, String target) {
        if (storedZones == null && target.startsWith("+")) {
            return RecipientZones.zonesFor(target, rules.timezone());
        }
        return CallingHours.zones(storedZones, rules);
    }
}
