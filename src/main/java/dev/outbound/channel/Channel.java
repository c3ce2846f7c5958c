package dev.outbound.channel;

import java.time.Instant;
import java.util.Optional;
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
     * @throws ChannelRefused when the provider refuses this target for good (e.g. not a number);
     *     {@link RecipientUnsubscribed} when it refuses because the person opted out
     * @throws ChannelUnavailable when the provider cannot take it now (retry later)
     */
    String start(ChannelAttempt attempt, ChannelListener listener);

    /**
     * Lets time-driven channels (the simulator) emit what is due at {@code now}; providers that
     * report by callback ignore it. Called on every dispatcher tick.
     */
    default void poll(Instant now) {}

    /**
     * Whether the channel can take new attempts now. False while the provider is known not to
     * take any (the SIP trunk does not answer its OPTIONS): the dispatcher then claims nothing for
     * the channel's modes, so no attempt is spent and voided while it is down. Cheap: asked every
     * tick.
     */
    default boolean accepting() {
        return true;
    }

    /** Why {@link #accepting()} is false, in words a console user can act on. */
    default String notAcceptingReason() {
        return "the provider takes no new attempts now";
    }

    /** Fails startup with a clear message when the channel is chosen but not set up. */
    default void checkConfigured() {}

    /**
     * True when {@link #lookup} can tell what became of an attempt. Such a channel's lost attempts
     * are reconciled (asked about) instead of being dialled again blindly.
     */
    default boolean reconciles() {
        return false;
    }

    /**
     * Asks the provider what became of an attempt started at {@code startedAt}: its latest state,
     * or {@link ChannelLookup#NEVER_PLACED}; empty when it cannot tell now (provider unreachable).
     */
    default Optional<ChannelLookup> lookup(ChannelAttempt attempt, Instant startedAt) {
        return Optional.empty();
    }

    /**
     * As {@link #lookup(ChannelAttempt, Instant)}, knowing whether the node that started the
     * attempt is gone (its lease ran out): a channel whose calls live only on their node (SIP) can
     * then tell a call that went with its node from one another node still holds.
     */
    default Optional<ChannelLookup> lookup(ChannelAttempt attempt, Instant startedAt, boolean holderGone) {
        return lookup(attempt, startedAt);
    }
}
