package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What became of attempts: outcomes recorded from a request's state read under a row lock,
 * attempts taken back before they reached a channel, and claimed requests the filters hold back.
 * Status, attempt history and counters change in one transaction, through
 * {@link RequestStatusWriter}.
 */
@Service
public class Outcomes {
    private static final int IN_CHUNK = 1000;
    private final RequestStatusWriter writer;
    private final RequestRepository requests;
    private final AttemptRepository attempts;

    Outcomes(RequestStatusWriter writer, RequestRepository requests, AttemptRepository attempts) {
        this.writer = writer;
        this.requests = requests;
        this.attempts = attempts;
    }

    /**
     * Reads and row-locks several requests (in id order, so concurrent callers cannot deadlock);
     * call inside {@link #applyAll}'s transaction. Ids that do not exist are left out.
     */
    @Transactional
    public Map<Long, RequestState> lockAll(Collection<Long> ids) {
        var states = new HashMap<Long, RequestState>();
        if (!ids.isEmpty()) {
            requests.lockStates(ids).forEach(s -> states.put(s.id(), s));
        }
        return states;
    }

    /** Reads a request under a row lock; call inside {@link #apply}'s transaction or another. */
    @Transactional
    public Optional<RequestState> lock(long requestId) {
        return requests.lockState(requestId);
    }

    /**
     * Applies changes of requests locked by {@link #lockAll} in this transaction, in a few round
     * trips whatever their number. Each request's changes must be given in order, each starting
     * where the one before ended. Throws (rolling the transaction back) if any request was not
     * where its first change expected.
     */
    @Transactional
    public void applyAll(List<Change> changes) {
        writer.applyAll(changes);
    }

    /**
     * Applies one change of a request read under a row lock; false if it is no longer where the
     * change starts (a later event or another node got there first). When the change has an
     * attempt outcome, the attempt ends with it.
     */
    @Transactional
    public boolean apply(Change change) {
        return writer.apply(change);
    }

    /**
     * Takes back an attempt that never reached the channel (provider unavailable, or a claim whose
     * node died before calling it): the request waits again and the attempt leaves the history.
     */
    @Transactional
    public boolean voidAttempt(RequestState state, int attemptNo, Instant dueAt) {
        return writer.voidAttempt(state, attemptNo, dueAt);
    }

    /**
     * A claimed request a rule skips before it reaches anyone: the attempt is taken back and the
     * request is SKIPPED with {@code channelStatus} and {@code reason}, in one transaction; false if
     * it is no longer as claimed. A filter does this, and a provider that refused because the
     * person opted out with it.
     */
    @Transactional
    public boolean skipClaimed(
            ClaimedRequest c,
            ChannelManagerStatus channelStatus,
            Instant at,
            RequestReason reason,
            @Nullable String detail) {
        if (!takeBack(c, at)) {
            return false;
        }
        RequestState waiting = requests.lockState(c.id()).orElseThrow();
        return apply(new Change(waiting, c.attemptNo() - 1, RequestStatus.SKIPPED, channelStatus, null, null, at)
                .because(reason, detail));
    }

    /**
     * A claimed request that cannot be judged yet (its lookup is pending): it waits until {@code
     * dueAt}, noting why; its next claim clears the note.
     */
    @Transactional
    public boolean postponeClaimed(ClaimedRequest c, Instant dueAt, RequestReason reason, @Nullable String detail) {
        if (!takeBack(c, dueAt)) {
            return false;
        }
        requests.noteReason(c.id(), reason, detail);
        return true;
    }

    private boolean takeBack(ClaimedRequest c, Instant dueAt) {
        boolean taken = requests.lockState(c.id())
                .filter(s -> s.status() == RequestStatus.INITIATED && s.attemptCount() == c.attemptNo())
                .map(s -> writer.voidAttempt(s, c.attemptNo(), dueAt))
                .orElse(false);
        if (taken) {
            requests.forgetSentIfNeverAttempted(c.id());
        }
        return taken;
    }

    /**
     * The attempted requests to {@code target} (as stored: E.164 or lower-case address) among
     * {@code batchPks}, each with when its latest attempt was claimed.
     */
    @Transactional(readOnly = true)
    public List<SentRequest> sentTo(String target, Collection<Long> batchPks) {
        var out = new ArrayList<SentRequest>();
        var pks = List.copyOf(batchPks);
        for (int i = 0; i < pks.size(); i += IN_CHUNK) {
            out.addAll(requests.sentTo(target, pks.subList(i, Math.min(pks.size(), i + IN_CHUNK))));
        }
        return out;
    }

    /**
     * The person replied STOP to this request: its channel status becomes UNSUBSCRIBED with
     * reason SUPPRESSED, its status unchanged (COMPLETED stays COMPLETED; the counters and the
     * webhooks see the new channel status), except that a request waiting for a retry is
     * SKIPPED, so that it is not sent again. False when the request is gone or already marked.
     */
    @Transactional
    public boolean markUnsubscribed(long requestId, Instant at, String detail) {
        Optional<RequestState> locked = requests.lockState(requestId);
        if (locked.isEmpty() || locked.get().channelStatus() == ChannelManagerStatus.UNSUBSCRIBED) {
            return false;
        }
        RequestState s = locked.get();
        RequestStatus to = s.status() == RequestStatus.PENDING ? RequestStatus.SKIPPED : s.status();
        return apply(new Change(s, s.attemptCount(), to, ChannelManagerStatus.UNSUBSCRIBED, null, null, at)
                .because(RequestReason.SUPPRESSED, detail));
    }

    /** Keeps what the channel said about an attempt that ended (e.g. the provider's error). */
    @Transactional
    public void noteDetail(long requestId, int attemptNo, String detail) {
        attempts.detail(requestId, attemptNo, detail);
    }
}
