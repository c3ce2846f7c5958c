package dev.outbound.dispatch;

import dev.outbound.channel.Channel;
import dev.outbound.channel.Channels;
import dev.outbound.channel.Mode;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which modes may be claimed this tick: those whose channel takes new attempts ({@link
 * Channel#accepting()}). While the SIP trunk does not answer its OPTIONS, no voice request is
 * claimed, so none is attempted and voided tick after tick and no attempt is spent; the other modes
 * go on. Read once per tick, after the channels are polled, so every batch of the tick sees the
 * same answer; each change is logged once, not every tick.
 */
@Component
class ChannelReadiness {
    private static final Logger log = LoggerFactory.getLogger(ChannelReadiness.class);

    private final Channels channels;
    /** Modes whose channel took attempts at the last refresh; null before the first. */
    private volatile @Nullable Set<Mode> accepting;

    ChannelReadiness(Channels channels) {
        this.channels = channels;
    }

    /** Asks each mode's channel again; called once per tick. */
    void refresh() {
        Set<Mode> now = EnumSet.noneOf(Mode.class);
        for (Mode mode : Mode.values()) {
            if (channels.forMode(mode).accepting()) {
                now.add(mode);
            }
        }
        Set<Mode> before = accepting;
        accepting = now;
        for (Mode mode : Mode.values()) {
            boolean is = now.contains(mode);
            String channel = channels.forMode(mode).name();
            if (before == null) {
                if (!is) { // at start a SIP trunk has not answered yet: not a fault so far
                    log.info(
                            "Channel {} does not take {} attempts yet; none is claimed until it does",
                            channel,
                            mode.wire());
                }
            } else if (before.contains(mode) && !is) {
                log.warn(
                        "Channel {} stopped taking new {} attempts (for SIP: the trunk does not answer OPTIONS);"
                                + " no {} request is claimed until it takes them again",
                        channel,
                        mode.wire(),
                        mode.wire());
            } else if (!before.contains(mode) && is) {
                log.info(
                        "Channel {} takes new {} attempts; {} requests are claimed again",
                        channel,
                        mode.wire(),
                        mode.wire());
            }
        }
    }

    /** True when requests of {@code mode} may be claimed this tick. */
    boolean accepts(Mode mode) {
        Set<Mode> known = accepting;
        return known == null || known.contains(mode);
    }
}
