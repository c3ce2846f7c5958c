package dev.outbound.request;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The request side of a callback: the request of a reference id read under a row lock, and its
 * move to PENDING at the callback's time through {@link RequestStatusWriter} (counters, attempt
 * history and {@link RequestStatusChanged} like any change). When and whether are decided by the
 * caller; the lifecycle table decides which statuses may go back.
 */
@Service
public class CallbackRequests {
    /** The width of {@code request.reason_detail}. */
    public static final int MAX_DETAIL = 500;

    private final RequestRepository requests;
    private final RequestStatusWriter writer;
    private final Clock clock;

    CallbackRequests(RequestRepository requests, RequestStatusWriter writer, Clock clock) {
        this.requests = requests;
        this.writer = writer;
        this.clock = clock;
    }

    /** The first row of {@code referenceId} in the batch, locked until the caller's transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<CallbackSubject> lock(long batchPk, String referenceId) {
        return requests.lockReference(batchPk, referenceId);
    }

    /**
     * PENDING, due at {@code dueAt}, reason CALLBACK_SCHEDULED with {@code detail}; the channel
     * status of its last attempt stays, as a retry's does. False when it moved since it was locked.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean schedule(CallbackSubject subject, Instant dueAt, @Nullable String detail) {
        RequestState s = subject.state();
        String kept = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
        return writer.apply(
                new Change(s, s.attemptCount(), RequestStatus.PENDING, s.channelStatus(), dueAt, null, clock.instant())
                        .because(RequestReason.CALLBACK_SCHEDULED, kept));
    }
}
