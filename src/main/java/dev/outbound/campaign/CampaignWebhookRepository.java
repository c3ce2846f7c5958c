package dev.outbound.campaign;

import dev.outbound.store.Inserts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code campaign_webhook} table; {@code sort_order} keeps the order the caller gave. */
@Repository
class CampaignWebhookRepository {
    private static final String COLUMNS = """
            id, campaign_id, url, request_method, trigger_statuses, hmac_secret_enc, sort_order
            """;
    private static final String INSERT = """
            INSERT INTO campaign_webhook (campaign_id, url, request_method, trigger_statuses, hmac_secret_enc,
                sort_order)
            VALUES (:campaignId, :url, :requestMethod, :triggerStatuses, :secret, :sortOrder)
            """;
    private static final String UPDATE = """
            UPDATE campaign_webhook SET url = :url, request_method = :requestMethod,
                trigger_statuses = :triggerStatuses, hmac_secret_enc = :secret, sort_order = :sortOrder
            WHERE id = :id AND campaign_id = :campaignId
            """;
    private static final String FIND_BY_CAMPAIGNS = "SELECT " + COLUMNS + """
             FROM campaign_webhook WHERE campaign_id IN (:campaignIds) ORDER BY campaign_id, sort_order, id
            """;
    private static final String DELETE = """
            DELETE FROM campaign_webhook WHERE id = :id AND campaign_id = :campaignId
            """;
    private static final String DELETE_BY_CAMPAIGN = """
            DELETE FROM campaign_webhook WHERE campaign_id = :campaignId
            """;
    private static final String ENCRYPTED_SECRETS = """
            SELECT id, hmac_secret_enc FROM campaign_webhook WHERE hmac_secret_enc IS NOT NULL ORDER BY id
            """;
    private static final String REPLACE_SECRET = """
            UPDATE campaign_webhook SET hmac_secret_enc = :secret WHERE id = :id
            """;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper mapper;

    CampaignWebhookRepository(JdbcClient jdbc, JsonMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    long insert(long campaignId, WebhookInput w, @Nullable String encryptedSecret, int sortOrder) {
        return Inserts.returningKey(bind(jdbc.sql(INSERT), campaignId, w, encryptedSecret, sortOrder), "id");
    }

    void update(long id, long campaignId, WebhookInput w, @Nullable String encryptedSecret, int sortOrder) {
        bind(jdbc.sql(UPDATE), campaignId, w, encryptedSecret, sortOrder)
                .param("id", id)
                .update();
    }

    List<StoredWebhook> findByCampaign(long campaignId) {
        return findByCampaigns(List.of(campaignId));
    }

    /** One query for a whole page of campaigns. */
    List<StoredWebhook> findByCampaigns(Collection<Long> campaignIds) {
        if (campaignIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(FIND_BY_CAMPAIGNS)
                .param("campaignIds", campaignIds)
                .query(this::map)
                .list();
    }

    /** Every stored encrypted secret, by webhook id, across organizations (key rotation only). */
    List<EncryptedSecret> encryptedSecrets() {
        return jdbc.sql(ENCRYPTED_SECRETS)
                .query((rs, n) -> new EncryptedSecret(rs.getLong("id"), rs.getString("hmac_secret_enc")))
                .list();
    }

    void replaceSecret(long id, String encryptedSecret) {
        jdbc.sql(REPLACE_SECRET)
                .param("id", id)
                .param("secret", encryptedSecret)
                .update();
    }

    record EncryptedSecret(long id, String value) {}

    void delete(long id, long campaignId) {
        jdbc.sql(DELETE).param("id", id).param("campaignId", campaignId).update();
    }

    void deleteByCampaign(long campaignId) {
        jdbc.sql(DELETE_BY_CAMPAIGN).param("campaignId", campaignId).update();
    }

    private JdbcClient.StatementSpec bind(
            JdbcClient.StatementSpec spec,
            long campaignId,
            WebhookInput w,
            @Nullable String encryptedSecret,
            int sortOrder) {
        return spec.param("campaignId", campaignId)
                .param("url", w.url())
                .param("requestMethod", w.requestMethod())
                .param("triggerStatuses", mapper.writeValueAsString(w.triggerStatuses()))
                .param("secret", encryptedSecret)
                .param("sortOrder", sortOrder);
    }

    private StoredWebhook map(ResultSet rs, int row) throws SQLException {
        return new StoredWebhook(
                rs.getLong("id"),
                rs.getLong("campaign_id"),
                rs.getString("url"),
                rs.getString("request_method"),
                mapper.readValue(rs.getString("trigger_statuses"), STRINGS),
                rs.getString("hmac_secret_enc"),
                rs.getInt("sort_order"));
    }
}
