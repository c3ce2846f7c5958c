package dev.outbound.channel;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The kinds of event an email provider reports after sending, with the channel status each means. */
public enum EmailEventType {
    PROCESSED(ChannelManagerStatus.PROCESSED),
    DEFERRED(ChannelManagerStatus.DEFERRED),
    DELIVERED(ChannelManagerStatus.DELIVERED),
    BOUNCE(ChannelManagerStatus.BOUNCED),
    DROPPED(ChannelManagerStatus.DROPPED),
    OPEN(ChannelManagerStatus.OPENED),
    CLICK(ChannelManagerStatus.CLICKED),
    SPAMREPORT(ChannelManagerStatus.SPAM_REPORT),
    UNSUBSCRIBE(ChannelManagerStatus.UNSUBSCRIBED),
    GROUP_UNSUBSCRIBE(ChannelManagerStatus.UNSUBSCRIBED);

    private final ChannelManagerStatus status;

    EmailEventType(ChannelManagerStatus status) {
        this.status = status;
    }

    public ChannelManagerStatus status() {
        return status;
    }

    /** SendGrid's {@code event} field ({@code delivered}, {@code group_unsubscribe}...); null for others. */
    public static @Nullable EmailEventType parse(String event) {
        String wanted = event.strip().toUpperCase(Locale.ROOT);
        for (EmailEventType t : values()) {
            if (t.name().equals(wanted)) {
                return t;
            }
        }
        return null;
    }
}
