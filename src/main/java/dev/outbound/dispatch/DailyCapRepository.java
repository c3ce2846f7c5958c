package dev.outbound.dispatch;

import java.time.LocalDate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code campaign_day_count} table: attempts per campaign and campaign-local day. Slots are
 * reserved with a guarded increment, so nodes together never pass max_daily_calls.
 */
@Repository
class DailyCapRepository {
    private static final String CREATE = """
            INSERT INTO campaign_day_count (campaign_id, local_day, n) VALUES (:campaignId, :day, 0)
            """;
    private static final String READ = """
            SELECT n FROM campaign_day_count WHERE campaign_id = :campaignId AND local_day = :day
            """;
    private static final String RESERVE = """
            UPDATE campaign_day_count SET n = n + :k
            WHERE campaign_id = :campaignId AND local_day = :day AND n = :seen AND n + :k <= :cap
            """;
    private static final String RELEASE = """
            UPDATE campaign_day_count SET n = n - :k WHERE campaign_id = :campaignId AND local_day = :day
            """;

    private final JdbcClient jdbc;

    DailyCapRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Reserves up to {@code wanted} attempts under {@code cap}; answers how many were granted. */
    int reserve(long campaignId, LocalDate day, int wanted, int cap) {
        for (int tries = 0; tries < 5; tries++) {
            var seen = jdbc.sql(READ)
                    .param("campaignId", campaignId)
                    .param("day", day)
                    .query(Integer.class)
                    .optional();
            if (seen.isEmpty()) {
                try {
                    jdbc.sql(CREATE)
                            .param("campaignId", campaignId)
                            .param("day", day)
                            .update();
                } catch (DuplicateKeyException raced) {
                    // another node created it first
                }
                continue;
            }
            int k = Math.min(wanted, cap - seen.get());
            if (k <= 0) {
                return 0;
            }
            int updated = jdbc.sql(RESERVE)
                    .param("k", k)
                    .param("campaignId", campaignId)
                    .param("day", day)
                    .param("seen", seen.get())
                    .param("cap", cap)
                    .update();
            if (updated == 1) {
                return k;
            }
        }
        return 0;
    }

    /** Attempts the campaign made (or reserved) on {@code day}. */
    int used(long campaignId, LocalDate day) {
        return jdbc.sql(READ)
                .param("campaignId", campaignId)
                .param("day", day)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    void release(long campaignId, LocalDate day, int k) {
        if (k > 0) {
            jdbc.sql(RELEASE)
                    .param("k", k)
                    .param("campaignId", campaignId)
                    .param("day", day)
                    .update();
        }
    }
}
