package dev.outbound.suppression;

import dev.outbound.channel.ChannelManagerStatus;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Why a target is suppressed; a request skipped for it ends with the matching PRIOR_* channel status. */
public enum SuppressionKind {
    UNSUBSCRIBED(ChannelManagerStatus.PRIOR_UNSUBSCRIBED),
    BOUNCED(ChannelManagerStatus.PRIOR_BOUNCED),
    SPAM_REPORT(ChannelManagerStatus.PRIOR_SPAM_REPORT),
    DROPPED(ChannelManagerStatus.PRIOR_DROPPED);

    private final ChannelManagerStatus prior;

    SuppressionKind(ChannelManagerStatus prior) {
        this.prior = prior;
    }

    /** The channel status of a request skipped because of an entry of this kind. */
    public ChannelManagerStatus prior() {
        return prior;
    }

    /** The name on the wire: {@code unsubscribed}, {@code bounced}, {@code spam_report}, {@code dropped}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static @Nullable SuppressionKind parse(String s) {
        for (SuppressionKind k : values()) {
            if (k.wire().equalsIgnoreCase(s.strip())) {
                return k;
            }
        }
        return null;
    }
}
