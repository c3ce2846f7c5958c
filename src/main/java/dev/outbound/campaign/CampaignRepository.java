package dev.outbound.campaign;

import dev.outbound.calendar.RestrictedDatesJson;
import dev.outbound.contact.ContactLimit;
import dev.outbound.contact.ContactLimitJson;
import dev.outbound.store.Inserts;
import dev.outbound.store.Instants;
import dev.outbound.store.ListSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The {@code campaign} table; JSON-typed values are stored as JSON text. */
@Repository
class CampaignRepository {
    private static final String COLUMNS = """
            id, organization_id, campaign_name, description, mode, sms_session_ttl, label, labels,
            campaign_variables, daily_start_time, daily_end_time, source, caller_id, hourly_rate,
            max_daily_calls, retry_count, retry_interval, active_days, voicemail_detection,
            allowed_line_types, include_unknown_line_types, target_filters, agent_id, timezone, hours_in, agent_url,
            contact_limit, duplicate_targets, retry_rules, machine_outcome, restricted_dates, max_concurrent,
            created_at, updated_at, last_updated_by, version
            """;
    private static final String INSERT = """
            INSERT INTO campaign (organization_id, campaign_name, description, mode, sms_session_ttl, label,
                labels, campaign_variables, daily_start_time, daily_end_time, source, caller_id, hourly_rate,
                max_daily_calls, retry_count, retry_interval, active_days, voicemail_detection,
                allowed_line_types, include_unknown_line_types, target_filters, agent_id, timezone, hours_in, agent_url,
                contact_limit, duplicate_targets, retry_rules, machine_outcome, restricted_dates, max_concurrent,
                created_at, updated_at, last_updated_by, version)
            VALUES (:organizationId, :name, :description, :mode, :smsSessionTtl, :label,
                :labels, :variables, :dailyStart, :dailyEnd, :source, :callerId, :hourlyRate,
                :maxDailyCalls, :retryCount, :retryInterval, :activeDays, :voicemailDetection,
                :allowedLineTypes, :includeUnknownLineTypes, :targetFilters, :agentId, :timezone, :hoursIn, :agentUrl,
                :contactLimit, :duplicateTargets, :retryRules, :machineOutcome, :restrictedDates, :maxConcurrent,
                :now, :now, :updatedBy, 0)
            """;
    private static final String UPDATE = """
            UPDATE campaign SET campaign_name = :name, description = :description, mode = :mode,
                sms_session_ttl = :smsSessionTtl, label = :label, labels = :labels,
                campaign_variables = :variables, daily_start_time = :dailyStart, daily_end_time = :dailyEnd,
                source = :source, caller_id = :callerId, hourly_rate = :hourlyRate,
                max_daily_calls = :maxDailyCalls, retry_count = :retryCount, retry_interval = :retryInterval,
                active_days = :activeDays, voicemail_detection = :voicemailDetection,
                allowed_line_types = :allowedLineTypes, include_unknown_line_types = :includeUnknownLineTypes,
                target_filters = :targetFilters, agent_id = :agentId, timezone = :timezone,
                hours_in = :hoursIn, agent_url = :agentUrl,
                contact_limit = :contactLimit, duplicate_targets = :duplicateTargets,
                retry_rules = :retryRules, machine_outcome = :machineOutcome,
                restricted_dates = :restrictedDates, max_concurrent = :maxConcurrent, updated_at = :now, last_updated_by = :updatedBy, version = version + 1
            WHERE id = :id AND organization_id = :organizationId AND version = :version AND deleted_at IS NULL
            """;
    private static final String FIND = "SELECT " + COLUMNS + """
             FROM campaign WHERE id = :id AND organization_id = :organizationId AND deleted_at IS NULL
            """;
    private static final String LIST = "SELECT " + COLUMNS + """
             FROM campaign WHERE organization_id = :organizationId AND deleted_at IS NULL %s ORDER BY %s LIMIT :limit OFFSET :offset
            """;
    private static final String COUNT = """
            SELECT COUNT(*) FROM campaign WHERE organization_id = :organizationId AND deleted_at IS NULL %s
            """;
    // Soft delete: deleted batches keep pointing at their campaign, and history stays readable.
    private static final String DELETE = """
            UPDATE campaign SET deleted_at = :now
            WHERE id = :id AND organization_id = :organizationId AND deleted_at IS NULL
            """;
    private static final String USING_AGENT = """
            SELECT id, campaign_name FROM campaign
            WHERE organization_id = :organizationId AND agent_id = :agentId AND deleted_at IS NULL
            ORDER BY id LIMIT :limit
            """;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper mapper;

    CampaignRepository(JdbcClient jdbc, JsonMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    // Deleted campaigns included: what they sent still reached people.
    private static final String SMS_CAMPAIGNS = """
            SELECT id, organization_id FROM campaign WHERE mode = 'sms'
            """;
    private static final String SENDER_NUMBERS = """
            SELECT DISTINCT organization_id, caller_id, source FROM campaign
            WHERE caller_id IS NOT NULL OR source IS NOT NULL
            """;

    /** campaign id → organization id of every SMS campaign, deleted ones included. */
    Map<Long, Long> smsCampaigns() {
        var out = new java.util.HashMap<Long, Long>();
        jdbc.sql(SMS_CAMPAIGNS).query(rs -> {
            out.put(rs.getLong("id"), rs.getLong("organization_id"));
        });
        return out;
    }

    /** Each organization's caller ids and sources, as typed. */
    List<Map.Entry<Long, String>> senderNumbers() {
        var out = new java.util.ArrayList<Map.Entry<Long, String>>();
        jdbc.sql(SENDER_NUMBERS).query(rs -> {
            long org = rs.getLong("organization_id");
            for (String number : new String[] {rs.getString("caller_id"), rs.getString("source")}) {
                if (number != null && !number.isBlank()) {
                    out.add(Map.entry(org, number.strip()));
                }
            }
        });
        return out;
    }

    /** A campaign by id and name, for messages. */
    record Named(long id, String name) {}

    /** The first {@code limit} live campaigns whose agent_id is {@code agentId}. */
    List<Named> usingAgent(long organizationId, long agentId, int limit) {
        return jdbc.sql(USING_AGENT)
                .param("organizationId", organizationId)
                .param("agentId", agentId)
                .param("limit", limit)
                .query((rs, n) -> new Named(rs.getLong("id"), rs.getString("campaign_name")))
                .list();
    }

    long insert(long organizationId, CampaignSettings s, Instant now, String updatedBy) {
        var spec = bind(jdbc.sql(INSERT), s)
                .param("organizationId", organizationId)
                .param("now", Instants.toDb(now))
                .param("updatedBy", updatedBy);
        return Inserts.returningKey(spec, "id");
    }

    /** False when the campaign is gone or was changed since {@code version} was read. */
    boolean update(long organizationId, long id, int version, CampaignSettings s, Instant now, String updatedBy) {
        return bind(jdbc.sql(UPDATE), s)
                        .param("organizationId", organizationId)
                        .param("id", id)
                        .param("version", version)
                        .param("now", Instants.toDb(now))
                        .param("updatedBy", updatedBy)
                        .update()
                == 1;
    }

    Optional<Campaign> find(long organizationId, long id) {
        return jdbc.sql(FIND)
                .param("id", id)
                .param("organizationId", organizationId)
                .query(this::map)
                .optional();
    }

    List<Campaign> list(long organizationId, ListSql.Built where, int limit, long offset) {
        return jdbc.sql(LIST.formatted(where.conditions(), where.orderBy()))
                .params(where.params())
                .param("organizationId", organizationId)
                .param("limit", limit)
                .param("offset", offset)
                .query(this::map)
                .list();
    }

    long count(long organizationId, ListSql.Built where) {
        return jdbc.sql(COUNT.formatted(where.conditions()))
                .params(where.params())
                .param("organizationId", organizationId)
                .query(Long.class)
                .single();
    }

    boolean delete(long organizationId, long id, java.time.Instant now) {
        return jdbc.sql(DELETE)
                        .param("now", dev.outbound.store.Instants.toDb(now))
                        .param("id", id)
                        .param("organizationId", organizationId)
                        .update()
                == 1;
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, CampaignSettings s) {
        return spec.param("name", s.name())
                .param("description", s.description())
                .param("mode", s.mode())
                .param("smsSessionTtl", s.smsSessionTtl())
                .param("label", s.label())
                .param("labels", json(s.labels()))
                .param("variables", json(s.variables()))
                .param("dailyStart", s.dailyStart() == null ? null : CampaignValues.formatTime(s.dailyStart()))
                .param("dailyEnd", s.dailyEnd() == null ? null : CampaignValues.formatTime(s.dailyEnd()))
                .param("source", s.source())
                .param("callerId", s.callerId())
                .param("hourlyRate", s.hourlyRate())
                .param("maxDailyCalls", s.maxDailyCalls())
                .param("retryCount", s.retryCount())
                .param("retryInterval", s.retryInterval())
                .param(
                        "activeDays",
                        json(s.activeDays().stream().map(CampaignValues::day).toList()))
                .param("voicemailDetection", json(s.voicemailDetection()))
                .param("allowedLineTypes", json(s.allowedLineTypes()))
                .param("includeUnknownLineTypes", s.includeUnknownLineTypes())
                .param("targetFilters", json(s.targetFilters()))
                .param("agentId", s.agentId())
                .param("timezone", s.timezone().getId())
                .param("hoursIn", s.hoursIn().wire())
                .param("agentUrl", s.agentUrl())
                .param(
                        "contactLimit",
                        s.contactLimit() == null ? null : ContactLimitJson.write(mapper, s.contactLimit()))
                .param("duplicateTargets", s.duplicateTargets().wire())
                .param(
                        "retryRules",
                        s.retryRules().byStatus().isEmpty()
                                ? null
                                : json(s.retryRules().wire()))
                .param("machineOutcome", s.retryRules().machine().wire())
                .param("restrictedDates", RestrictedDatesJson.write(s.restrictedDates()))
                .param("maxConcurrent", s.maxConcurrent());
    }

    private @Nullable String json(@Nullable Object value) {
        return value == null ? null : mapper.writeValueAsString(value);
    }

    private Campaign map(ResultSet rs, int row) throws SQLException {
        var settings = new CampaignSettings(
                rs.getString("campaign_name"),
                rs.getString("description"),
                rs.getString("mode"),
                rs.getObject("sms_session_ttl", Integer.class),
                rs.getString("label"),
                read(rs.getString("labels"), STRINGS),
                Objects.requireNonNull(read(rs.getString("campaign_variables"), STRING_MAP)),
                time(rs.getString("daily_start_time")),
                time(rs.getString("daily_end_time")),
                rs.getString("source"),
                rs.getString("caller_id"),
                rs.getInt("hourly_rate"),
                rs.getObject("max_daily_calls", Integer.class),
                rs.getInt("retry_count"),
                rs.getString("retry_interval"),
                days(rs.getString("active_days")),
                voicemail(rs.getString("voicemail_detection")),
                read(rs.getString("allowed_line_types"), STRINGS),
                rs.getBoolean("include_unknown_line_types"),
                filters(rs.getString("target_filters")),
                rs.getObject("agent_id", Long.class),
                ZoneId.of(rs.getString("timezone")),
                Objects.requireNonNull(HoursIn.parse(rs.getString("hours_in"))),
                rs.getString("agent_url"),
                contactLimit(rs.getString("contact_limit")),
                duplicateTargets(rs.getString("duplicate_targets")),
                RetryRules.stored(mapper, rs.getString("retry_rules"), rs.getString("machine_outcome")),
                RestrictedDatesJson.read(mapper, rs.getString("restricted_dates")),
                rs.getObject("max_concurrent", Integer.class));
        return new Campaign(
                rs.getLong("id"),
                rs.getLong("organization_id"),
                settings,
                Instants.readRequired(rs, "created_at"),
                Instants.readRequired(rs, "updated_at"),
                rs.getString("last_updated_by"),
                rs.getInt("version"));
    }

    private @Nullable ContactLimit contactLimit(@Nullable String json) {
        return json == null ? null : ContactLimitJson.read(mapper, json);
    }

    /** Campaigns stored before the column existed allow duplicates, as they always did. */
    private static DuplicateTargets duplicateTargets(@Nullable String wire) {
        DuplicateTargets d = wire == null ? null : DuplicateTargets.parse(wire);
        return d == null ? DuplicateTargets.ALLOW : d;
    }

    private <T> @Nullable T read(@Nullable String json, TypeReference<T> type) {
        return json == null ? null : mapper.readValue(json, type);
    }

    private @Nullable ObjectNode voicemail(@Nullable String json) {
        return json == null ? null : (ObjectNode) mapper.readTree(json);
    }

    private @Nullable TargetFilters filters(@Nullable String json) {
        return json == null ? null : mapper.readValue(json, TargetFilters.class);
    }

    private List<DayOfWeek> days(String json) {
        List<String> days = Objects.requireNonNull(read(json, STRINGS));
        return days.stream()
                .map(d -> Objects.requireNonNull(CampaignValues.parseDay(d)))
                .toList();
    }

    private static @Nullable LocalTime time(@Nullable String s) {
        return s == null ? null : CampaignValues.parseTime(s);
    }
}
