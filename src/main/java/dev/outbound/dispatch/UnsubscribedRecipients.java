package dev.outbound.dispatch;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.request.ClaimedRequest;
import dev.outbound.request.Outcomes;
import dev.outbound.request.RequestReason;
import dev.outbound.suppression.SuppressionKind;
import dev.outbound.suppression.SuppressionSource;
import dev.outbound.suppression.Suppressions;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A provider refused an attempt because the person had opted out with it (Twilio error 21610).
 * Nothing reached anyone, and nothing was wrong with the target: the attempt is taken back, the
 * request ends SKIPPED with PRIOR_UNSUBSCRIBED (reason SUPPRESSED) instead of FAILED, and the
 * organization suppresses the target (source {@code provider}) so no other campaign tries it.
 */
@Component
class UnsubscribedRecipients {
    private static final Logger log = LoggerFactory.getLogger(UnsubscribedRecipients.class);
    private final Outcomes outcomes;
    private final Suppressions suppressions;
    private final TransactionTemplate transactions;
    private final Clock clock;

    UnsubscribedRecipients(
            Outcomes outcomes, Suppressions suppressions, TransactionTemplate transactions, Clock clock) {
        this.outcomes = outcomes;
        this.suppressions = suppressions;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Both or neither: a skipped request always has its entry. */
    void refused(long organizationId, ClaimedRequest c, String channel, String why) {
        try {
            transactions.executeWithoutResult(status -> {
                if (outcomes.skipClaimed(
                        c, ChannelManagerStatus.PRIOR_UNSUBSCRIBED, clock.instant(), RequestReason.SUPPRESSED, why)) {
                    suppressions.add(
                            organizationId,
                            c.target(),
                            SuppressionKind.UNSUBSCRIBED,
                            SuppressionSource.PROVIDER,
                            why,
                            channel);
                }
            });
        } catch (RuntimeException e) {
            if (!StoreTrouble.is(e)) {
                throw e;
            }
            // The claim's lease runs out and the reconciler finds it never placed; the next try
            // meets the same refusal.
            log.warn("Could not record that request {} was refused as unsubscribed: {}", c.id(), e.toString());
        }
    }
}
