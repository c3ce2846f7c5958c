package dev.outbound.suppression;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A signed SMS reply that is no keyword (not STOP, START or HELP-like): a message for whoever
 * holds the conversation. Published synchronously, outside any transaction, by the inbound
 * webhook. The body is the person's words: never log it.
 *
 * @param from the person's number, as Twilio sent it
 * @param to our number that was replied to
 * @param body the message as typed
 * @param messageSid Twilio's id of the reply
 * @param receivedAt when the webhook received it
 */
public record SmsReplyReceived(
        String from, String to, String body, @Nullable String messageSid, Instant receivedAt) {

    @Override
    public String toString() {
        return "SmsReplyReceived[from=" + SmsOptOut.masked(from) + ", to=" + to + ", messageSid=" + messageSid
                + ", receivedAt=" + receivedAt + "]";
    }
}
