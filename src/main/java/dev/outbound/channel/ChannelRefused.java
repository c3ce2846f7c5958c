package dev.outbound.channel;

/** The provider refuses this target for good: the request fails, no retry. */
public class ChannelRefused extends RuntimeException {
    public ChannelRefused(String message) {
        super(message);
    }
}
