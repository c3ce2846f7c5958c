package dev.outbound.campaign;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.outbound.OutboundProperties;
import dev.outbound.api.JsonFields;
import dev.outbound.api.Violations;
import dev.outbound.calendar.MaxConcurrentInput;
import dev.outbound.calendar.RestrictedDates;
import dev.outbound.calendar.RestrictedDatesInput;
import dev.outbound.channel.AgentHosts;
import dev.outbound.channel.EmailProperties;
import dev.outbound.channel.Mode;
import dev.outbound.contact.ContactLimit;
import dev.outbound.contact.ContactLimitInput;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Validates an OutboundCampaignInput body, reporting every violation at once, and normalises it
 * into a {@link CampaignInput}. Unknown fields are ignored, as the reference API does.
 */
@Component
class CampaignInputReader {
    static final int MAX_RETRY_COUNT = 20;
    static final int MAX_LABELS = 50;
    static final int MAX_LABEL_LENGTH = 100;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final List<String> MODES = List.of("voice", "sms", "email");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final List<String> LINE_TYPES = List.of("mobile", "landline", "voip");
    private static final List<String> HOURS_IN = List.of("campaign", "recipient");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final String defaultRegion;
    private final ZoneId defaultTimezone;
    private final WebhookInputReader webhooks;
    private final DocumentReader documents;
    private final EmailProperties email;
    private final AgentHosts agentHosts;

    CampaignInputReader(
            OutboundProperties properties,
            WebhookInputReader webhooks,
            DocumentReader documents,
            EmailProperties email,
            AgentHosts agentHosts) {
        this.email = email;
        this.agentHosts = agentHosts;
        this.defaultRegion = properties.defaultRegion().trim().toUpperCase(Locale.ROOT);
        this.defaultTimezone = ZoneId.of(properties.defaultTimezone().trim());
        this.webhooks = webhooks;
        this.documents = documents;
    }

    CampaignInput read(@Nullable JsonNode body) {
        var v = new Violations();
        var f = JsonFields.body(body, v);
        if (f.isNull("campaign_name")) {
            f.fail("campaign_name", "Input should be a valid string", "string_type");
        }
        String name = text(f, "campaign_name", true, 500);
        if (name != null && name.isBlank()) {
            f.fail("campaign_name", "campaign_name must not be blank", "value_error");
        }
        String description = text(f, "description", false, 5000);
        String modeText = f.string("mode", false);
        String modeWire = CampaignValues.choose(f, "mode", modeText, MODES);
        Mode mode = modeWire == null ? null : Mode.parse(modeWire);
        Integer smsSessionTtl = atLeastOne(f, "sms_session_ttl");
        String label = text(f, "label", false, 200);
        List<String> labels = labels(f);
        documents.limit(f, "labels", labels, 10_000);
        Map<String, String> variables = variables(f);
        documents.limit(f, "campaign_variables", variables, 100_000);
        Hours hours = dailyHours(f);
        String source = source(f, mode);
        String callerId = callerId(f);
        int hourlyRate = requiredInt(f, "hourly_rate", 1);
        f.range("hourly_rate", hourlyRate, 1, 3600);
        Integer maxDailyCalls = atLeastOne(f, "max_daily_calls");
        int retryCount = requiredInt(f, "retry_count", 0);
        f.range("retry_count", retryCount, 0, MAX_RETRY_COUNT);
        String retryInterval = retryInterval(f);
        List<DayOfWeek> activeDays = activeDays(f);
        var voicemail = documents.voicemailDetection(f);
        List<String> lineTypes = lineTypes(f);
        boolean includeUnknown = requiredBool(f, "include_unknown_line_types", true);
        TargetFilters filters = documents.targetFilters(f);
        Long agentId = f.longValue("agent_id", false);
        ZoneId timezone = timezone(f);
        String hoursInText = f.string("hours_in", false);
        String hoursInWire = CampaignValues.choose(f, "hours_in", hoursInText, HOURS_IN);
        HoursIn hoursIn = hoursInWire == null ? null : HoursIn.parse(hoursInWire);
        String agentUrl = agentUrl(f, agentHosts);
        ContactLimit contactLimit = ContactLimitInput.read(f, "contact_limit");
        DuplicateTargets duplicateTargets = duplicateTargets(f);
        RetryRules retryRules = RetryRulesInput.read(f);
        RestrictedDates restrictedDates = RestrictedDatesInput.read(f, "restricted_dates");
        Integer maxConcurrent = MaxConcurrentInput.read(f, "max_concurrent");
        List<WebhookInput> hooks = webhooks.read(f);
        v.throwIfAny();
        var settings = new CampaignSettings(
                Objects.requireNonNull(name).trim(),
                description,
                mode == null ? null : mode.wire(),
                smsSessionTtl,
                label,
                labels,
                Objects.requireNonNull(variables),
                hours.start(),
                hours.end(),
                source,
                callerId,
                hourlyRate,
                maxDailyCalls,
                retryCount,
                retryInterval,
                activeDays,
                voicemail,
                lineTypes,
                includeUnknown,
                filters,
                agentId,
                timezone,
                hoursIn == null ? HoursIn.CAMPAIGN : hoursIn,
                agentUrl,
                contactLimit,
                duplicateTargets,
                retryRules,
                restrictedDates,
                maxConcurrent);
        return new CampaignInput(settings, hooks);
    }

    /** A string field; for a required one the key must be present, though it may be null. */
    private static @Nullable String text(JsonFields f, String name, boolean required, int max) {
        String s = f.string(name, required);
        if (s != null && s.length() > max) {
            f.fail(name, "String should have at most " + max + " characters", "string_too_long");
        }
        return s;
    }

    /** Fields typed plain integer in the contract: an explicit null is wrong, absence takes the default. */
    private static int requiredInt(JsonFields f, String name, int dflt) {
        if (f.isNull(name)) {
            f.fail(name, "Input should be a valid integer", "int_type");
            return dflt;
        }
        Integer n = f.integer(name, false);
        return n == null ? dflt : n;
    }

    private static boolean requiredBool(JsonFields f, String name, boolean dflt) {
        if (f.isNull(name)) {
            f.fail(name, "Input should be a valid boolean", "bool_type");
            return dflt;
        }
        Boolean b = f.bool(name, false);
        return b == null ? dflt : b;
    }

    private static @Nullable Integer atLeastOne(JsonFields f, String name) {
        Integer n = f.integer(name, false);
        if (n != null && n < 1) {
            f.fail(name, "Input should be greater than or equal to 1", "greater_than_equal");
        }
        return n;
    }

    private static @Nullable List<String> labels(JsonFields f) {
        List<String> labels = f.stringList("labels", false);
        if (labels == null) {
            return null;
        }
        if (labels.size() > MAX_LABELS) {
            f.fail("labels", "List should have at most " + MAX_LABELS + " items", "too_long");
        }
        for (int i = 0; i < labels.size(); i++) {
            String l = labels.get(i);
            if (l.isBlank()) {
                f.violations().add(f.at("labels", i), "A label must not be blank", "value_error");
            } else if (l.length() > MAX_LABEL_LENGTH) {
                f.violations()
                        .add(
                                f.at("labels", i),
                                "String should have at most " + MAX_LABEL_LENGTH + " characters",
                                "string_too_long");
            }
        }
        return List.copyOf(labels);
    }

    private static @Nullable Map<String, String> variables(JsonFields f) {
        if (f.isNull("campaign_variables")) {
            f.fail("campaign_variables", "Input should be a valid dictionary", "dict_type");
            return null;
        }
        var given = f.stringMap("campaign_variables", true, false);
        if (given == null) {
            return null;
        }
        var out = new LinkedHashMap<String, String>();
        given.forEach((k, value) -> out.put(k, Objects.requireNonNull(value)));
        return out;
    }

    private record Hours(
            @Nullable LocalTime start, @Nullable LocalTime end) {}

    private static Hours dailyHours(JsonFields f) {
        LocalTime start = time(f, "daily_start_time");
        LocalTime end = time(f, "daily_end_time");
        boolean startGiven = f.string("daily_start_time", false) != null;
        boolean endGiven = f.string("daily_end_time", false) != null;
        if (startGiven != endGiven) {
            f.fail(
                    startGiven ? "daily_end_time" : "daily_start_time",
                    "daily_start_time and daily_end_time must be given together",
                    "value_error");
        } else if (start != null && end != null && !start.isBefore(end)) {
            f.fail("daily_end_time", "daily_end_time must be after daily_start_time", "value_error");
        }
        return new Hours(start, end);
    }

    private static @Nullable LocalTime time(JsonFields f, String name) {
        String s = f.string(name, false);
        if (s == null) {
            return null;
        }
        LocalTime t = CampaignValues.parseTime(s);
        if (t == null) {
            f.fail(name, "Input should be a time of day as HH:MM or HH:MM:SS, e.g. 09:00", "time_parsing");
        }
        return t;
    }

    private @Nullable String source(JsonFields f, @Nullable Mode mode) {
        String source = text(f, "source", false, 320);
        if (source == null || source.isBlank()) {
            return source == null ? null : source.trim();
        }
        String s = source.trim();
        if (mode == Mode.EMAIL) {
            if (!EMAIL.matcher(s).matches()) {
                f.fail("source", "An email campaign's source must be an email address", "value_error");
            } else if (!email.domains().isEmpty() && !email.listed(s)) {
                f.fail(
                        "source",
                        "An email campaign's source must be an address in one of the sender domains: "
                                + String.join(", ", email.domains()),
                        "value_error");
            }
        } else if (!isPhone(s)) {
            f.fail("source", "A voice or sms campaign's source must be a phone number", "value_error");
        }
        return s;
    }

    private @Nullable String callerId(JsonFields f) {
        // Required but nullable in the contract: the key must be sent, null says "no caller id".
        if (!f.has("caller_id")) {
            f.fail("caller_id", "Field required", "missing");
            return null;
        }
        String callerId = text(f, "caller_id", false, 64);
        if (callerId == null) {
            return null;
        }
        String s = callerId.trim();
        if (!isPhone(s)) {
            f.fail("caller_id", "caller_id must be a phone number", "value_error");
        }
        return s;
    }

    /**
     * Extension: an absolute URL the voice provider fetches the agent's TwiML from, which must pass
     * the agent host rule.
     */
    private static @Nullable String agentUrl(JsonFields f, AgentHosts hosts) {
        String s = text(f, "agent_url", false, 2048);
        if (s == null || s.isBlank()) {
            return null;
        }
        String url = s.trim();
        try {
            var uri = new java.net.URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                hosts.problem(url).ifPresent(p -> f.fail("agent_url", "agent_url " + p, "value_error"));
                return url;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        f.fail("agent_url", "agent_url must be an absolute http or https URL", "url_parsing");
        return null;
    }

    /** Extension: "allow" (the default, also for null) or "skip". */
    private static DuplicateTargets duplicateTargets(JsonFields f) {
        String s = f.string("duplicate_targets", false);
        if (s == null) {
            return DuplicateTargets.ALLOW;
        }
        DuplicateTargets d = DuplicateTargets.parse(s);
        if (d == null) {
            f.fail("duplicate_targets", "Input should be 'allow' or 'skip'", "enum");
            return DuplicateTargets.ALLOW;
        }
        return d;
    }

    private boolean isPhone(String s) {
        try {
            return PHONES.isPossibleNumber(PHONES.parse(s, defaultRegion));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static @Nullable String retryInterval(JsonFields f) {
        String s = f.string("retry_interval", false);
        if (s == null) {
            return null;
        }
        if (CampaignValues.parseRetryInterval(s) == null) {
            f.fail(
                    "retry_interval",
                    "Input should be a positive whole number of s, m, h or d, e.g. 30m, 12h or 7d",
                    "value_error");
            return null;
        }
        return s.trim().toLowerCase(Locale.ROOT);
    }

    private static List<DayOfWeek> activeDays(JsonFields f) {
        if (f.isNull("active_days")) {
            f.fail("active_days", "Input should be a valid list", "list_type");
            return List.of();
        }
        List<String> given = f.stringList("active_days", true);
        if (given == null) {
            return List.of();
        }
        var days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < given.size(); i++) {
            DayOfWeek d = CampaignValues.parseDay(given.get(i));
            if (d == null) {
                f.violations().add(f.at("active_days", i), "Input should be " + JsonFields.quoteList(DAYS), "enum");
            } else {
                days.add(d);
            }
        }
        return List.copyOf(days);
    }

    private static @Nullable List<String> lineTypes(JsonFields f) {
        List<String> given = f.stringList("allowed_line_types", false);
        if (given == null) {
            return null;
        }
        var out = new LinkedHashSet<String>();
        for (int i = 0; i < given.size(); i++) {
            String t = given.get(i).trim().toLowerCase(Locale.ROOT);
            if (LINE_TYPES.contains(t)) {
                out.add(t);
            } else {
                f.violations()
                        .add(
                                f.at("allowed_line_types", i),
                                "Input should be " + JsonFields.quoteList(LINE_TYPES),
                                "enum");
            }
        }
        return List.copyOf(out);
    }

    private ZoneId timezone(JsonFields f) {
        String s = f.string("timezone", false);
        if (s == null || s.isBlank()) {
            return defaultTimezone;
        }
        try {
            return ZoneId.of(s.trim());
        } catch (DateTimeException e) {
            f.fail("timezone", "Input should be an IANA time zone such as America/New_York", "value_error");
            return defaultTimezone;
        }
    }
}
