package dev.outbound.request;

/**
 * Why a request was held back or never attempted, shown as the extension field {@code reason} on
 * results and attempts next to the rule that applied ({@code reason_detail}).
 */
public enum RequestReason {
    /** Its target is on the organization's suppression list (or the provider said it unsubscribed). */
    SUPPRESSED,
    /** The person reached the attempts a contact limit allows in its window; waits until it allows. */
    CONTACT_LIMIT,
    /** A conversation with the person opened a quiet period; waits until it ends. */
    AFTER_CONVERSATION,
    /** An earlier row of the batch has the same target (or contact_id), and the campaign skips duplicates. */
    DUPLICATE_TARGET,
    /** The campaign's target filters exclude it (line type). */
    FILTERED,
    /** Its number lookup has not answered yet; it is checked again shortly. */
    LOOKUP_PENDING,
    /** Its next attempt would fall on a restricted date; waits until the first allowed moment after it. */
    RESTRICTED_DATE,
    /** A rule for its recipient's region does not allow an attempt now; waits until it does. */
    OUTSIDE_RECIPIENT_HOURS,
    /** The campaign's or organization's attempts in progress are at max_concurrent; waits for one to end. */
    CAPACITY,
    /** Someone asked for it to be attempted at a later time (the callback endpoint or the agent's report). */
    CALLBACK_SCHEDULED
}
