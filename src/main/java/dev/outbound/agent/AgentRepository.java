package dev.outbound.agent;

import dev.outbound.store.Inserts;
import dev.outbound.store.Instants;
import dev.outbound.store.ListSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code agent} table. */
@Repository
class AgentRepository {
    private static final String COLUMNS = "id, name, voice_url, sms_url, sip_uri, created_at, updated_at";
    private static final String INSERT = """
            INSERT INTO agent (organization_id, name, voice_url, sms_url, sip_uri, created_at, updated_at)
            VALUES (:org, :name, :voiceUrl, :smsUrl, :sipUri, :now, :now)
            """;
    private static final String UPDATE = """
            UPDATE agent SET name = :name, voice_url = :voiceUrl, sms_url = :smsUrl, sip_uri = :sipUri,
                updated_at = :now
            WHERE id = :id AND organization_id = :org
            """;
    private static final String FIND = "SELECT " + COLUMNS + """
             FROM agent WHERE id = :id AND organization_id = :org
            """;
    private static final String LIST = "SELECT " + COLUMNS + """
             FROM agent WHERE organization_id = :org %s ORDER BY %s LIMIT :limit OFFSET :offset
            """;
    private static final String COUNT = """
            SELECT COUNT(*) FROM agent WHERE organization_id = :org %s
            """;
    private static final String ALL = "SELECT " + COLUMNS + """
             FROM agent WHERE organization_id = :org ORDER BY created_at DESC, id DESC
            """;
    private static final String DELETE = """
            DELETE FROM agent WHERE id = :id AND organization_id = :org
            """;

    private final JdbcClient jdbc;

    AgentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long org, AgentInput input, Instant now) {
        return Inserts.returningKey(
                bind(jdbc.sql(INSERT), input).param("org", org).param("now", Instants.toDb(now)), "id");
    }

    boolean update(long org, long id, AgentInput input, Instant now) {
        return bind(jdbc.sql(UPDATE), input)
                        .param("org", org)
                        .param("id", id)
                        .param("now", Instants.toDb(now))
                        .update()
                == 1;
    }

    Optional<Agent> find(long org, long id) {
        return jdbc.sql(FIND)
                .param("org", org)
                .param("id", id)
                .query(AgentRepository::map)
                .optional();
    }

    List<Agent> list(long org, ListSql.Built where, int limit, long offset) {
        return jdbc.sql(LIST.formatted(where.conditions(), where.orderBy()))
                .params(where.params())
                .param("org", org)
                .param("limit", limit)
                .param("offset", offset)
                .query(AgentRepository::map)
                .list();
    }

    long count(long org, ListSql.Built where) {
        return jdbc.sql(COUNT.formatted(where.conditions()))
                .params(where.params())
                .param("org", org)
                .query(Long.class)
                .single();
    }

    List<Agent> all(long org) {
        return jdbc.sql(ALL).param("org", org).query(AgentRepository::map).list();
    }

    boolean delete(long org, long id) {
        return jdbc.sql(DELETE).param("org", org).param("id", id).update() == 1;
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, AgentInput input) {
        return spec.param("name", input.name())
                .param("voiceUrl", input.voiceUrl())
                .param("smsUrl", input.smsUrl())
                .param("sipUri", input.sipUri());
    }

    private static Agent map(ResultSet rs, int n) throws SQLException {
        return new Agent(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("voice_url"),
                rs.getString("sms_url"),
                rs.getString("sip_uri"),
                Instants.readRequired(rs, "created_at"),
                Instants.readRequired(rs, "updated_at"));
    }
}
