package dev.outbound.batch;

/**
 * Schedules callbacks; implemented by the {@code callback} capability, which reads the calendar
 * (the dispatcher's), so that the agent's conversation report here can carry a callback without
 * this package depending on the dispatcher.
 */
public interface CallbackScheduler {
    /**
     * Moves the request of {@code referenceId} in {@code batch} to PENDING at the first allowed
     * moment at or after {@code ask.at()}; throws (404, 409, 422) and changes nothing when it
     * cannot. Call inside a transaction.
     */
    ScheduledCallback schedule(Batch batch, String referenceId, CallbackAsk ask);
}
