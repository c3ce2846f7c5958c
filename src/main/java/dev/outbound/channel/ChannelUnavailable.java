package dev.outbound.channel;

/** The provider cannot take the attempt now; it is not attempted and goes back to waiting. */
public class ChannelUnavailable extends RuntimeException {
    public ChannelUnavailable(String message) {
        super(message);
    }
}
