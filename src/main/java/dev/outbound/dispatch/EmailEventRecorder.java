package dev.outbound.dispatch;

import dev.outbound.batch.Batch;
import dev.outbound.batch.BatchDispatch;
import dev.outbound.channel.EmailEvent;
import dev.outbound.channel.EmailEventListener;
import dev.outbound.request.Outcomes;
import dev.outbound.request.RequestState;
import dev.outbound.suppression.SuppressionSource;
import dev.outbound.suppression.Suppressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records an email provider's webhook events as they arrive, each in its own transaction under
 * its request's row lock ({@link EmailEventPolicy} decides): the status change and the
 * suppression entry it brings are stored together or not at all. An attempt the events end no
 * longer needs its lease renewed.
 */
@Component
class EmailEventRecorder implements EmailEventListener {
    private static final Logger log = LoggerFactory.getLogger(EmailEventRecorder.class);
    private static final String ADDED_BY = "sendgrid";

    private final Outcomes outcomes;
    private final Suppressions suppressions;
    private final BatchDispatch batches;
    private final TransactionTemplate transactions;
    private final InFlight inFlight;

    EmailEventRecorder(
            Outcomes outcomes,
            Suppressions suppressions,
            BatchDispatch batches,
            TransactionTemplate transactions,
            InFlight inFlight) {
        this.outcomes = outcomes;
        this.suppressions = suppressions;
        this.batches = batches;
        this.transactions = transactions;
        this.inFlight = inFlight;
    }

    @Override
    public void on(List<EmailEvent> events) {
        var ended = new ArrayList<Long>();
        for (EmailEvent e : events) {
            Boolean done = transactions.execute(status -> record(e));
            if (Boolean.TRUE.equals(done)) {
                ended.add(e.requestId());
            }
        }
        ended.forEach(inFlight::ended);
    }

    /** True when the event ended the attempt. */
    private boolean record(EmailEvent e) {
        Optional<RequestState> locked = outcomes.lock(e.requestId());
        if (locked.isEmpty()) {
            return false;
        }
        var decision = EmailEventPolicy.decide(locked.get(), e);
        if (decision == null || !outcomes.apply(decision.change())) {
            return false;
        }
        if (decision.change().attemptOutcome() != null && e.reason() != null) {
            outcomes.noteDetail(e.requestId(), e.attemptNo(), EmailEventPolicy.detail(e));
        }
        if (decision.suppress() != null) {
            Optional<Batch> batch = batches.byPk(locked.get().batchPk());
            String target = locked.get().target().isBlank()
                    ? e.recipient()
                    : locked.get().target();
            if (batch.isPresent() && !target.isBlank()) {
                suppressions.add(
                        batch.get().organizationId(),
                        target,
                        decision.suppress(),
                        SuppressionSource.PROVIDER,
                        EmailEventPolicy.detail(e),
                        ADDED_BY);
            } else {
                log.warn("No suppression entry for request {}: its batch or recipient is unknown", e.requestId());
            }
        }
        return decision.change().attemptOutcome() != null;
    }
}
