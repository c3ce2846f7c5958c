package dev.outbound.dispatch;

import dev.outbound.batch.Batch;
import dev.outbound.batch.BatchDispatch;
import dev.outbound.batch.BatchStatus;
import dev.outbound.calendar.Opening;
import dev.outbound.campaign.CampaignNotFound;
import dev.outbound.campaign.CampaignRules;
import dev.outbound.channel.ChannelEvent;
import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.request.Change;
import dev.outbound.request.RequestState;
import dev.outbound.request.RequestStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a channel event means for a request, decided from the request's locked state: the status
 * it moves to, and for an attempt that did not reach the person, whether and when it is retried.
 * It reads the batch and campaign rules but changes nothing; {@link OutcomeRecorder} writes.
 */
@Component
class OutcomeDecider {
    private final BatchDispatch batches;
    private final RulesCache rules;
    private final AttemptTiming timing;

    OutcomeDecider(BatchDispatch batches, RulesCache rules, AttemptTiming timing) {
        this.batches = batches;
        this.rules = rules;
        this.timing = timing;
    }

    /**
     * What {@code e} does to a request in {@code state}: nothing (null) for an older attempt's
     * event, or one that would move the request backwards or change nothing.
     */
    @Nullable
    Change decide(RequestState state, ChannelEvent e, Map<Long, Optional<Batch>> batchesSeen) {
        if (!state.status().inFlight() || state.attemptCount() != e.attemptNo()) {
            return null;
        }
        ChannelManagerStatus channel = e.status();
        return switch (Outcome.of(e.status(), e.ended())) {
            case PROGRESS ->
                state.status() == RequestStatus.INITIATED
                                && !optedOut(state)
                                && progress(channel) > progress(state.channelStatus())
                        ? change(state, e, RequestStatus.INITIATED, channel, null, null)
                        : null;
            case REACHED ->
                state.status() == RequestStatus.CONNECTED && state.channelStatus() == channel
                        ? null
                        : change(state, e, RequestStatus.CONNECTED, channel, null, null);
            case DONE -> change(state, e, RequestStatus.COMPLETED, channel, null, "completed");
            case REFUSED -> change(state, e, RequestStatus.FAILED, channel, null, "refused");
            case NOT_REACHED -> {
                if (state.status() == RequestStatus.CONNECTED) {
                    yield change(state, e, RequestStatus.COMPLETED, channel, null, "completed");
                }
                yield notReached(state, e, batchesSeen);
            }
        };
    }

    private static Change change(
            RequestState state,
            ChannelEvent e,
            RequestStatus to,
            ChannelManagerStatus channel,
            @Nullable Instant dueAt,
            @Nullable String outcome) {
        // A STOP that came while the message was on its way stays the request's channel status:
        // the delivery report still ends the attempt, but must not hide the opt-out.
        var written = optedOut(state) ? ChannelManagerStatus.UNSUBSCRIBED : channel;
        return new Change(state, e.attemptNo(), to, written, dueAt, outcome, e.at());
    }

    private static boolean optedOut(RequestState state) {
        return state.channelStatus() == ChannelManagerStatus.UNSUBSCRIBED;
    }

    /**
     * How far along an attempt that has not reached anyone is; a late event never moves it back.
     * The claim itself writes QUEUED, so Twilio's ACCEPTED (its messaging service took the message)
     * ranks after it, or it could never be seen.
     */
    private static int progress(ChannelManagerStatus channel) {
        return switch (channel) {
            case QUEUED -> 1;
            case ACCEPTED -> 2;
            case SENDING -> 3;
            case SENT, IN_PROGRESS -> 4;
            // An email provider's webhook may record these before the channel's own QUEUED is drained.
            case PROCESSED, DEFERRED -> 5;
            default -> 0;
        };
    }

    /**
     * An attempt that did not reach the person: completed when the campaign counts this outcome
     * (a machine that took the message) as done, else retried by the outcome's rule, else failed.
     */
    private Change notReached(RequestState state, ChannelEvent e, Map<Long, Optional<Batch>> batchesSeen) {
        Batch b = batchesSeen.computeIfAbsent(state.batchPk(), batches::byPk).orElse(null);
        CampaignRules campaign = b == null ? null : campaign(b);
        if (campaign != null && RetryPolicy.of(campaign).completes(e.status())) {
            return change(state, e, RequestStatus.COMPLETED, e.status(), null, "completed");
        }
        Optional<Opening> retry =
                b == null || campaign == null || b.status() == BatchStatus.CANCELED || b.status() == BatchStatus.EXPIRED
                        ? Optional.empty()
                        : timing.retryAt(campaign, state, e.status(), e.attemptNo(), e.at(), b.expiresOn());
        if (retry.isEmpty()) {
            return change(state, e, RequestStatus.FAILED, e.status(), null, "failed");
        }
        Opening at = retry.get();
        Change retried = change(state, e, RequestStatus.PENDING, e.status(), at.at(), "retry");
        // A retry the calendar put later than its interval and the campaign's hours would says why;
        // any other retry clears what an earlier hold said.
        return at.delayedBy() == null ? retried : retried.because(CalendarRule.reason(at.delayedBy()), at.detail());
    }

    private @Nullable CampaignRules campaign(Batch b) {
        try {
            return rules.rules(b.organizationId(), b.campaignId());
        } catch (CampaignNotFound gone) {
            return null;
        }
    }
}
