package dev.outbound.dispatch;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.channel.EmailEvent;
import dev.outbound.channel.EmailEventType;
import dev.outbound.request.Change;
import dev.outbound.request.RequestReason;
import dev.outbound.request.RequestState;
import dev.outbound.request.RequestStatus;
import dev.outbound.suppression.SuppressionKind;
import org.jspecify.annotations.Nullable;

/**
 * What an email provider's event (SendGrid's Event Webhook) does to a request and to the
 * organization's suppression list, decided from the request's locked state.
 *
 * <table>
 *   <caption>events</caption>
 *   <tr><th>event</th><th>channel status</th><th>request</th><th>suppression entry</th></tr>
 *   <tr><td>processed, deferred</td><td>PROCESSED, DEFERRED</td><td>unchanged</td><td></td></tr>
 *   <tr><td>delivered</td><td>DELIVERED</td><td>COMPLETED</td><td></td></tr>
 *   <tr><td>open, click</td><td>OPENED, CLICKED</td><td>COMPLETED</td><td></td></tr>
 *   <tr><td>spamreport</td><td>SPAM_REPORT</td><td>COMPLETED</td><td>spam_report</td></tr>
 *   <tr><td>unsubscribe, group_unsubscribe</td><td>UNSUBSCRIBED</td><td>COMPLETED</td><td>unsubscribed</td></tr>
 *   <tr><td>bounce</td><td>BOUNCED</td><td>FAILED</td><td>bounced</td></tr>
 *   <tr><td>dropped</td><td>DROPPED</td><td>FAILED</td><td></td></tr>
 *   <tr><td>dropped for an earlier bounce, unsubscribe or spam report</td>
 *       <td>PRIOR_BOUNCED, PRIOR_UNSUBSCRIBED, PRIOR_SPAM_REPORT</td><td>SKIPPED</td><td></td></tr>
 * </table>
 *
 * <p>Events come late, twice and out of order, so a status only ever moves up the engagement
 * {@link #rank}: a second delivered, or a delivered after an open, changes nothing, and no counter
 * counts twice. A request the events completed takes later engagement as a new channel status
 * only; its status never moves back. An event of an attempt that is not the request's latest,
 * or of a request waiting for a retry, is ignored.
 */
final class EmailEventPolicy {
    /** Bounced, dropped and the PRIOR_* drops: nothing the provider says afterwards counts. */
    private static final int TERMINAL = 100;

    /** A change of the request, and the entry its target gets, if any. */
    record Decision(Change change, @Nullable SuppressionKind suppress) {}

    private EmailEventPolicy() {}

    static @Nullable Decision decide(RequestState state, EmailEvent e) {
        if (state.attemptCount() != e.attemptNo()) {
            return null;
        }
        boolean inFlight = state.status().inFlight();
        if (!inFlight && state.status() != RequestStatus.COMPLETED) {
            return null;
        }
        int current = rank(state.channelStatus());
        ChannelManagerStatus to = status(e);
        int next = rank(to);
        if (current >= TERMINAL || next <= current) {
            return null;
        }
        if (!inFlight) {
            // Completed: engagement is noted, a late failure is not believed over the delivery.
            return next >= TERMINAL
                    ? null
                    : new Decision(change(state, e, RequestStatus.COMPLETED, to, null), kind(to));
        }
        Change change = switch (to) {
            case PROCESSED, DEFERRED -> change(state, e, state.status(), to, null);
            case BOUNCED, DROPPED -> change(state, e, RequestStatus.FAILED, to, "failed");
            case PRIOR_BOUNCED, PRIOR_UNSUBSCRIBED, PRIOR_SPAM_REPORT ->
                change(state, e, RequestStatus.SKIPPED, to, "skipped");
            default -> change(state, e, RequestStatus.COMPLETED, to, "completed");
        };
        return new Decision(change, kind(to));
    }

    /**
     * How far along an email is. Spam report and unsubscribe rank equal: whichever came first
     * stays. Failures rank above everything, since they end the attempt for good.
     */
    static int rank(ChannelManagerStatus status) {
        return switch (status) {
            case QUEUED -> 1;
            case PROCESSED -> 2;
            case DEFERRED -> 3;
            case DELIVERED -> 4;
            case OPENED -> 5;
            case CLICKED -> 6;
            case SPAM_REPORT, UNSUBSCRIBED -> 7;
            case BOUNCED, DROPPED, PRIOR_BOUNCED, PRIOR_UNSUBSCRIBED, PRIOR_SPAM_REPORT -> TERMINAL;
            default -> 0;
        };
    }

    /** The event's channel status; a drop names the earlier event it is for in its reason. */
    private static ChannelManagerStatus status(EmailEvent e) {
        if (e.type() == EmailEventType.DROPPED && e.reason() != null) {
            switch (e.reason().strip()) {
                case "Bounced Address" -> {
                    return ChannelManagerStatus.PRIOR_BOUNCED;
                }
                case "Unsubscribed Address" -> {
                    return ChannelManagerStatus.PRIOR_UNSUBSCRIBED;
                }
                case "Spam Reporting Address" -> {
                    return ChannelManagerStatus.PRIOR_SPAM_REPORT;
                }
                default -> {}
            }
        }
        return e.type().status();
    }

    private static @Nullable SuppressionKind kind(ChannelManagerStatus status) {
        return switch (status) {
            case BOUNCED -> SuppressionKind.BOUNCED;
            case SPAM_REPORT -> SuppressionKind.SPAM_REPORT;
            case UNSUBSCRIBED -> SuppressionKind.UNSUBSCRIBED;
            default -> null;
        };
    }

    private static Change change(
            RequestState state,
            EmailEvent e,
            RequestStatus to,
            ChannelManagerStatus channel,
            @Nullable String outcome) {
        var change = new Change(state, e.attemptNo(), to, channel, null, outcome, e.at());
        return switch (channel) {
            case SPAM_REPORT, UNSUBSCRIBED, PRIOR_BOUNCED, PRIOR_UNSUBSCRIBED, PRIOR_SPAM_REPORT ->
                change.because(RequestReason.SUPPRESSED, detail(e));
            default -> change;
        };
    }

    static String detail(EmailEvent e) {
        return "sendgrid: " + e.type().name().toLowerCase(java.util.Locale.ROOT)
                + (e.reason() == null ? "" : ", " + e.reason());
    }
}
