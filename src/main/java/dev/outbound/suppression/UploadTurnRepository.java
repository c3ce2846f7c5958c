package dev.outbound.suppression;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code suppression_upload} table: one row per organization, locked by the upload in progress. */
@Repository
class UploadTurnRepository {
    private static final String CREATE = """
            INSERT INTO suppression_upload (organization_id, uploads) VALUES (:org, 0) ON CONFLICT DO NOTHING
            """;
    private static final String TAKE = """
            UPDATE suppression_upload SET uploads = uploads + 1 WHERE organization_id = :org
            """;

    private final JdbcClient jdbc;

    UploadTurnRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the organization's row if need be; call outside the upload's transaction. */
    void prepare(long organizationId) {
        try {
            jdbc.sql(CREATE).param("org", organizationId).update();
        } catch (DuplicateKeyException e) {
            // created by a concurrent first upload: what was wanted
        }
    }

    /**
     * Counts one more upload for the organization; the row stays locked until the caller's
     * transaction ends, so a second upload of the organization waits here for the first.
     */
    void take(long organizationId) {
        jdbc.sql(TAKE).param("org", organizationId).update();
    }
}
