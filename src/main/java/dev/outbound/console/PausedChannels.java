package dev.outbound.console;

import dev.outbound.channel.Channel;
import dev.outbound.channel.Channels;
import dev.outbound.channel.Mode;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * A notice on every console page for each mode whose channel takes no new attempts (the SIP trunk
 * does not answer its OPTIONS): the dispatcher then claims none of that mode's requests, and the
 * person watching a batch stand still must see why without reading metrics or logs.
 */
@ControllerAdvice(basePackageClasses = PausedChannels.class)
final class PausedChannels {
    private final Channels channels;

    PausedChannels(Channels channels) {
        this.channels = channels;
    }

    @ModelAttribute("pausedChannels")
    List<String> notices() {
        List<String> notices = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            Channel channel = channels.forMode(mode);
            if (!channel.accepting()) {
                notices.add(
                        "%s requests are waiting: %s (channel %s). None is claimed, attempted or counted until it answers."
                                .formatted(label(mode), channel.notAcceptingReason(), channel.name()));
            }
        }
        return notices;
    }

    private static String label(Mode mode) {
        String wire = mode.wire();
        return Character.toUpperCase(wire.charAt(0)) + wire.substring(1);
    }
}
