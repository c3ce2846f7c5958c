package dev.outbound.channel;

import java.util.List;

/** Records the events an email provider reports by webhook; called on the webhook's request thread. */
@FunctionalInterface
public interface EmailEventListener {
    /** Records {@code events} before answering: the provider posts again what was not recorded. */
    void on(List<EmailEvent> events);
}
