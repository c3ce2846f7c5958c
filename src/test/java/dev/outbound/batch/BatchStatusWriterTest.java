package dev.outbound.batch;

import static dev.outbound.testing.Fixtures.createBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outbound.api.IllegalTransition;
import dev.outbound.testing.Api;
import dev.outbound.testing.StoreTest;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one writer of batch statuses, on the real store. */
@StoreTest
class BatchStatusWriterTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final String USER = "writer@example.com";

    @LocalServerPort
    int port;

    @Autowired
    BatchStatusWriter writer;

    @Autowired
    BatchRepository batches;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = Api.at(port);
    }

    private Batch aPendingBatch() {
        String batchId = createBatch(api);
        long pk = jdbc.sql("SELECT pk FROM batch WHERE batch_id = :b")
                .param("b", batchId)
                .query(Long.class)
                .single();
        Batch b = reread(pk);
        assertThat(b.status()).isEqualTo(BatchStatus.PENDING);
        return b;
    }

    private Batch reread(long pk) {
        return batches.byPk(pk).orElseThrow();
    }

    @Test
    void activate_turns_a_pending_batch_active_and_leaves_its_version_and_last_user() {
        Batch pending = aPendingBatch();

        assertThat(writer.activate(pending.pk(), BatchStatus.PENDING, NOW)).isTrue();

        Batch active = reread(pending.pk());
        assertThat(active.status()).isEqualTo(BatchStatus.ACTIVE);
        assertThat(active.lastUpdatedAt()).isEqualTo(NOW);
        assertThat(active.version()).isEqualTo(pending.version());
        assertThat(active.lastUpdatedBy()).isEqualTo(pending.lastUpdatedBy());
    }

    @Test
    void activate_read_in_a_status_the_batch_has_left_changes_nothing() {
        Batch pending = aPendingBatch();
        assertThat(writer.activate(pending.pk(), BatchStatus.PENDING, NOW)).isTrue();
        Batch active = reread(pending.pk());

        assertThat(writer.activate(pending.pk(), BatchStatus.PENDING, NOW.plusSeconds(60)))
                .as("another node activated it first")
                .isFalse();

        assertThat(reread(pending.pk())).isEqualTo(active);
    }

    @Test
    void a_transition_the_table_forbids_is_refused_and_changes_nothing() {
        Batch pending = aPendingBatch();
        assertThat(writer.cancel(pending, "done", NOW, USER)).isTrue();
        Batch canceled = reread(pending.pk());
        assertThat(canceled.status()).isEqualTo(BatchStatus.CANCELED);

        assertThatThrownBy(() -> writer.activate(canceled.pk(), BatchStatus.CANCELED, NOW.plusSeconds(60)))
                .isInstanceOf(IllegalTransition.class)
                .hasMessage("batch cannot go from CANCELED to ACTIVE");
        assertThatThrownBy(() -> writer.expire(canceled, NOW.plusSeconds(60)))
                .isInstanceOf(IllegalTransition.class)
                .hasMessage("batch cannot go from CANCELED to EXPIRED");
        assertThatThrownBy(() -> writer.uploadDone(canceled, "list.csv", NOW.plusSeconds(60), USER))
                .isInstanceOf(IllegalTransition.class);

        assertThat(reread(pending.pk())).isEqualTo(canceled);
    }

    @Test
    void a_change_read_in_a_stale_status_changes_nothing() {
        Batch pending = aPendingBatch();
        assertThat(writer.uploadFailed(pending, "list.csv", "no rows", NOW, USER))
                .isTrue();
        Batch failed = reread(pending.pk());
        assertThat(failed.status()).isEqualTo(BatchStatus.FAILED);

        assertThat(writer.cancel(pending, "late", NOW.plusSeconds(60), USER))
                .as("allowed from PENDING, but the batch is FAILED now")
                .isFalse();

        assertThat(reread(pending.pk())).isEqualTo(failed);
    }

    @Test
    void a_settings_change_that_keeps_the_status_is_no_transition() {
        Batch pending = aPendingBatch();
        assertThat(writer.activate(pending.pk(), BatchStatus.PENDING, NOW)).isTrue();
        Batch active = reread(pending.pk());

        assertThat(writer.changeSettings(active, BatchStatus.ACTIVE, NOW.plusSeconds(60), USER))
                .as("ACTIVE to ACTIVE is not in the table, and needs not be")
                .isTrue();
        assertThat(writer.changeSettings(active, BatchStatus.PAUSED, NOW.plusSeconds(120), USER))
                .as("read before the previous change moved the version, but the status is the same")
                .isTrue();
        assertThat(reread(pending.pk()).status()).isEqualTo(BatchStatus.PAUSED);
    }
}
