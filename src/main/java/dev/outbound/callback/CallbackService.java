package dev.outbound.callback;

import dev.outbound.api.Conflict;
import dev.outbound.api.InvalidInput;
import dev.outbound.api.NotFound;
import dev.outbound.batch.Batch;
import dev.outbound.batch.BatchStatus;
import dev.outbound.batch.CallbackAsk;
import dev.outbound.batch.CallbackScheduler;
import dev.outbound.batch.ScheduledCallback;
import dev.outbound.calendar.AttemptCalendar;
import dev.outbound.calendar.Recipient;
import dev.outbound.campaign.CampaignRules;
import dev.outbound.campaign.Campaigns;
import dev.outbound.dispatch.Calendars;
import dev.outbound.request.CallbackRequests;
import dev.outbound.request.CallbackSubject;
import dev.outbound.request.RequestReason;
import dev.outbound.request.RequestStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides whether and when a request is called back, and moves it. The time is the first moment
 * at or after the one asked for that the request's calendar allows (restricted dates, the
 * campaign's window, its recipient's rules); it must come before the batch expires. The callback
 * does not use up a retry: the attempt it leads to counts like any other, so if it does not reach
 * the person it is retried only while the campaign's retry rules still allow that many attempts.
 */
@Service
class CallbackService implements CallbackScheduler {
    private static final Set<BatchStatus> LIVE =
            EnumSet.of(BatchStatus.PENDING, BatchStatus.ACTIVE, BatchStatus.PAUSED);

    private final CallbackRequests requests;
    private final Campaigns campaigns;
    private final Calendars calendars;
    private final Clock clock;

    CallbackService(CallbackRequests requests, Campaigns campaigns, Calendars calendars, Clock clock) {
        this.requests = requests;
        this.campaigns = campaigns;
        this.calendars = calendars;
        this.clock = clock;
    }

    @Override
    @Transactional
    public ScheduledCallback schedule(Batch batch, String referenceId, CallbackAsk ask) {
        Instant now = clock.instant();
        if (!LIVE.contains(batch.status())
                || batch.deletedAt() != null
                || (batch.expiresOn() != null && !batch.expiresOn().isAfter(now))) {
            String state = batch.status() == BatchStatus.FAILED
                    ? "FAILED (its upload was refused)"
                    : LIVE.contains(batch.status())
                            ? "past its expires_on"
                            : batch.status().name();
            throw new Conflict(
                    "Batch " + batch.batchId() + " is " + state + "; its requests can no longer be called back");
        }
        CallbackSubject subject = requests.lock(batch.pk(), referenceId)
                .orElseThrow(() -> new NotFound("Request " + referenceId + " not found in batch " + batch.batchId()));
        refuseUnlessCallable(subject, referenceId);
        Instant due = allowedMoment(batch, subject, ask);
        if (!requests.schedule(subject, due, ask.note())) {
            throw new Conflict("Request " + referenceId + " changed while its callback was scheduled; try again");
        }
        // A note is at most CallbackAsk.MAX_NOTE, the width the request keeps.
        return new ScheduledCallback(
                referenceId, RequestStatus.PENDING, ask.at(), due, RequestReason.CALLBACK_SCHEDULED, ask.note());
    }

    private static void refuseUnlessCallable(CallbackSubject subject, String referenceId) {
        RequestStatus status = subject.state().status();
        if (subject.suppressed()) {
            throw new Conflict("Request " + referenceId + " is " + status
                    + " because its person is suppressed (opted out or on the suppression list);"
                    + " a callback would be skipped again");
        }
        if (status.inFlight()) {
            throw new Conflict("Request " + referenceId + " is in progress (" + status
                    + "); ask for the callback again after its attempt ends");
        }
        if (!subject.mayBeCalledBack()) {
            throw new Conflict("Request " + referenceId + " is " + status
                    + "; only a request that is PENDING or ended COMPLETED, FAILED or SKIPPED can be called back");
        }
    }

    private Instant allowedMoment(Batch batch, CallbackSubject subject, CallbackAsk ask) {
        CampaignRules rules = campaigns.rules(batch.organizationId(), batch.campaignId());
        AttemptCalendar calendar = calendars.of(rules);
        Recipient recipient =
                calendars.recipient(rules, subject.state().timeZones(), subject.target(), subject.variablesJson());
        Instant due = calendar.nextAllowed(ask.at(), recipient)
                .orElseThrow(() -> InvalidInput.of(
                        "No moment within " + AttemptCalendar.HORIZON.toDays()
                                + " days of at allows an attempt of this request (its campaign's hours,"
                                + " restricted dates and recipient rules)",
                        "value_error",
                        ask.atLoc().toArray()));
        Instant expires = batch.expiresOn();
        if (expires != null && !due.isBefore(expires)) {
            throw InvalidInput.of(
                    "The batch expires at " + expires + " and the first allowed moment for this request is " + due
                            + "; extend the batch's expires_on or ask for an earlier time",
                    "value_error",
                    ask.atLoc().toArray());
        }
        return due;
    }
}
