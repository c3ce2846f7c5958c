package dev.outbound.channel;

/** Receives a channel's events; called from the channel's own threads. */
@FunctionalInterface
public interface ChannelListener {
    void on(ChannelEvent event);
}
