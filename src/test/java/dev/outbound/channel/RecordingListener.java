package dev.outbound.channel;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event it is given, in arrival order; thread-safe. */
final class RecordingListener implements ChannelListener {
    private final List<ChannelEvent> events = new ArrayList<>();

    @Override
    public synchronized void on(ChannelEvent event) {
        events.add(event);
    }

    synchronized List<ChannelEvent> events() {
        return List.copyOf(events);
    }

    /** The events of one attempt, in arrival order. */
    synchronized List<ChannelEvent> of(String sid) {
        return events.stream().filter(e -> e.channelSid().equals(sid)).toList();
    }

    synchronized boolean ended(String sid) {
        return events.stream().anyMatch(e -> e.channelSid().equals(sid) && e.ended());
    }
}
