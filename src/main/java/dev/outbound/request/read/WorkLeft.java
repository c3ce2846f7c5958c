package dev.outbound.request.read;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a batch has left to do and how its attempts have gone, in aggregate: what a forecast starts from. */
@Service
public class WorkLeft {
    private final WorkRepository work;
    private final Clock clock;

    WorkLeft(WorkRepository work, Clock clock) {
        this.work = work;
        this.clock = clock;
    }

    /**
     * The batch's waiting requests in groups the calendar treats alike; {@code byPrefix} also splits
     * them by number prefix, for rules by region.
     */
    @Transactional(readOnly = true)
    public List<PendingGroup> pending(long batchPk, boolean byPrefix) {
        return work.pendingGroups(batchPk, byPrefix);
    }

    /**
     * Every finished attempt of up to {@code sample} requests of these batches that ended, and as
     * many waiting for a retry: enough for an outcome mix, bounded whatever the batches' size.
     */
    @Transactional(readOnly = true)
    public List<EndedAttempt> endedAttempts(Collection<Long> batchPks, int sample) {
        if (batchPks.isEmpty()) {
            return List.of();
        }
        return work.endedAttempts(batchPks, sample, clock.instant());
    }
}
