package dev.outbound.channel;

import dev.outbound.campaign.Mode;
import java.time.Instant;
import java.util.Set;

/**
 * A provider that reaches people in one or more modes. {@link #start} hands an attempt over and
 * returns quickly; outcomes arrive later through the listener.
 */
public interface Channel {

    /** The name used in configuration, e.g. "simulator". */
    String name();

    Set<Mode> modes();

    /**
     * Starts the attempt and answers the provider's id for it.
     *
     * @throws ChannelRefused when the provider refuses this target for good (e.g. not a number)
     * @throws ChannelUnavailable when the provider cannot take it now (retry later)
     */
    String start(ChannelAttempt attempt, ChannelListener listener);

    /**
     * Lets time-driven channels (the simulator) emit what is due at {@code now}; providers that
     * report by callback ignore it. Called on every dispatcher tick.
     */
    default void poll(Instant now) {}
}
