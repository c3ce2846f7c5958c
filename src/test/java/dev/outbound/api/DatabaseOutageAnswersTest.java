package dev.outbound.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** What a request answers when the database goes away under it (seen in bench/pg-restart.sh). */
class DatabaseOutageAnswersTest {
    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void a_commit_or_rollback_that_lost_its_connection_is_a_503_with_retry_after() {
        var lost = new TransactionSystemException(
                "JDBC rollback failed", new SQLException("This connection has been closed.", "08003"));
        var answer = handler.transaction(lost);
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
    }

    @Test
    void a_transaction_that_cannot_begin_is_a_503() {
        var answer = handler.transaction(new CannotCreateTransactionException("no connection"));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void any_other_transaction_failure_stays_a_500() {
        var other = new TransactionSystemException("odd", new SQLException("constraint", "23505"));
        assertThat(handler.transaction(other).getStatusCode().value()).isEqualTo(500);
    }
}
