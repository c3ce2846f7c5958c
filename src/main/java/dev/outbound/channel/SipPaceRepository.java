package dev.outbound.channel;

import dev.outbound.store.Instants;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code sip_pace} and {@code sip_call} tables. */
@Repository
class SipPaceRepository {
    private static final String CREATE = """
            INSERT INTO sip_pace (trunk, next_at)
            SELECT :trunk, :now WHERE NOT EXISTS (SELECT 1 FROM sip_pace WHERE trunk = :trunk)
            """;
    private static final String LOCK = """
            SELECT next_at FROM sip_pace WHERE trunk = :trunk FOR UPDATE
            """;
    private static final String MOVE = """
            UPDATE sip_pace SET next_at = :next WHERE trunk = :trunk
            """;
    private static final String COUNT_CALLS = """
            SELECT COUNT(*) FROM sip_call WHERE trunk = :trunk
            """;
    private static final String ADD_CALL = """
            INSERT INTO sip_call (call_id, trunk, request_id, attempt_no, started_at)
            VALUES (:callId, :trunk, :requestId, :attemptNo, :now)
            """;
    private static final String REMOVE_CALL = """
            DELETE FROM sip_call WHERE call_id = :callId
            """;
    private static final String REMOVE_ATTEMPT = """
            DELETE FROM sip_call WHERE request_id = :requestId AND attempt_no = :attemptNo
            """;

    private final JdbcClient jdbc;

    SipPaceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(String trunk, Instant now) {
        try {
            jdbc.sql(CREATE)
                    .param("trunk", trunk)
                    .param("now", Instants.toDb(now))
                    .update();
        } catch (DuplicateKeyException raced) {
            // another node created it at the same moment
        }
    }

    /** Locks the trunk's row until the transaction ends; answers when its next call may start. */
    Optional<Instant> lock(String trunk) {
        return jdbc.sql(LOCK)
                .param("trunk", trunk)
                .query((rs, n) -> Instants.readRequired(rs, "next_at"))
                .optional();
    }

    void moveTo(String trunk, Instant next) {
        jdbc.sql(MOVE).param("trunk", trunk).param("next", Instants.toDb(next)).update();
    }

    int calls(String trunk) {
        return jdbc.sql(COUNT_CALLS).param("trunk", trunk).query(Integer.class).single();
    }

    void addCall(String callId, String trunk, long requestId, int attemptNo, Instant now) {
        jdbc.sql(ADD_CALL)
                .param("callId", callId)
                .param("trunk", trunk)
                .param("requestId", requestId)
                .param("attemptNo", attemptNo)
                .param("now", Instants.toDb(now))
                .update();
    }

    void removeCall(String callId) {
        jdbc.sql(REMOVE_CALL).param("callId", callId).update();
    }

    void removeAttempt(long requestId, int attemptNo) {
        jdbc.sql(REMOVE_ATTEMPT)
                .param("requestId", requestId)
                .param("attemptNo", attemptNo)
                .update();
    }
}
