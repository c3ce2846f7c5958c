package dev.outbound.campaign;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * TEMPORARY (two-way SMS branch): the {@code sms_url} of a campaign's agent, so replies can be
 * forwarded end to end before the agents capability lands; replaced at merge by its version.
 */
@Repository
class AgentSmsUrls {
    private static final String SMS_URL = """
            SELECT sms_url FROM agent WHERE id = :id AND organization_id = :organizationId
            """;
    private final JdbcClient jdbc;

    AgentSmsUrls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Nullable
    String smsUrl(long organizationId, @Nullable Long agentId) {
        if (agentId == null) {
            return null;
        }
        var urls = jdbc.sql(SMS_URL)
                .param("id", agentId)
                .param("organizationId", organizationId)
                .query(String.class)
                .list();
        return urls.isEmpty() ? null : urls.getFirst();
    }
}
