package dev.outbound.channel;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The contract's ChannelManagerStatus: what the channel (voice, SMS, email provider) says about
 * a request. {@link #wire()} is the contract's spelling (e.g. {@code NO-ANSWER}).
 */
public enum ChannelManagerStatus {
    PENDING,
    DUPLICATE,
    INVALID,
    UNEXPECTED_ERROR,
    FILTERED_LINE_TYPE,
    NO_OUTCOME,
    PROCESSED,
    DROPPED,
    DEFERRED,
    BOUNCED,
    DELIVERED,
    OPENED,
    CLICKED,
    SPAM_REPORT,
    UNSUBSCRIBED,
    PRIOR_UNSUBSCRIBED,
    PRIOR_SPAM_REPORT,
    PRIOR_DROPPED,
    PRIOR_BOUNCED,
    SENT,
    ACCEPTED,
    QUEUED,
    SENDING,
    UNDELIVERED,
    DELIVERY_UNKNOWN,
    DELIVERY_FAILED,
    IN_PROGRESS,
    BUSY,
    CANCELED,
    COMPLETED,
    DECLINED,
    NO_ANSWER,
    MACHINE,
    HUMAN,
    UNKNOWN,
    FAILED,
    SIP_NOT_FOUND,
    SIP_TEMPORARILY_UNAVAILABLE,
    SIP_LOOP_DETECTED,
    SIP_DOES_NOT_EXIST_ANYWHERE;

    /** The contract's spelling: IN-PROGRESS and NO-ANSWER keep their hyphen. */
    public String wire() {
        return this == IN_PROGRESS ? "IN-PROGRESS" : this == NO_ANSWER ? "NO-ANSWER" : name();
    }

    public static @Nullable ChannelManagerStatus parse(String s) {
        String wanted = s.trim().toUpperCase(Locale.ROOT);
        for (ChannelManagerStatus c : values()) {
            if (c.wire().equals(wanted)) {
                return c;
            }
        }
        return null;
    }

    /** A status read back from where it was stored by its {@link #wire()} spelling. */
    public static ChannelManagerStatus of(String wire) {
        ChannelManagerStatus c = parse(wire);
        if (c == null) {
            throw new IllegalArgumentException("Not a channel status: '" + wire + "'");
        }
        return c;
    }
}
