package dev.outbound.dispatch;

import dev.outbound.channel.ChannelManagerStatus;

/**
 * What a channel status means for the request. Voicemail (MACHINE) counts as not reached: the
 * person was not spoken to, so the request is retried while retries remain, unless the campaign's
 * machine_outcome completes it (see {@link RetryPolicy#completes}).
 */
public enum Outcome {
    /** The attempt goes on (queued, ringing, sent). */
    PROGRESS,
    /** The person was reached (answered by a human, delivered). */
    REACHED,
    /** The conversation or delivery is over after reaching the person. */
    DONE,
    /** Not reached (busy, no answer, voicemail, failed, bounced): retry while allowed. */
    NOT_REACHED,
    /**
     * Must not be tried again (invalid target, a carrier's final rejection, unsubscribed, spam
     * report, or an error of our own that would only repeat).
     */
    REFUSED;

    /** What {@code status} means, for an event that ends the attempt or one that reports progress. */
    public static Outcome of(ChannelManagerStatus status, boolean ended) {
        return switch (status) {
            // A message the carrier took but never reported on may have been read: sending it again
            // risks a second text to the same person, so the request ends as done.
            case HUMAN, DELIVERED, OPENED, CLICKED, DELIVERY_UNKNOWN -> ended ? DONE : REACHED;
            case COMPLETED -> DONE;
            case QUEUED, SENDING, SENT, ACCEPTED, IN_PROGRESS, PROCESSED, DEFERRED, PENDING ->
                ended ? NOT_REACHED : PROGRESS;
            case INVALID,
                    DELIVERY_FAILED,
                    UNEXPECTED_ERROR,
                    UNSUBSCRIBED,
                    PRIOR_UNSUBSCRIBED,
                    SPAM_REPORT,
                    PRIOR_SPAM_REPORT,
                    SIP_DOES_NOT_EXIST_ANYWHERE,
                    FILTERED_LINE_TYPE -> REFUSED;
            default -> NOT_REACHED;
        };
    }
}
