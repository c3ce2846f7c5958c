package dev.outbound.request;

import dev.outbound.channel.ChannelManagerStatus;
import org.jspecify.annotations.Nullable;

/**
 * A request someone asked to be called back, read under a row lock: its state, where it goes (for
 * the recipient's zones and region) and why a rule last decided it.
 */
public record CallbackSubject(
        RequestState state,
        String target,
        @Nullable String variablesJson,
        @Nullable RequestReason reason) {

    /** Whether its status lets a callback bring it back to PENDING (waiting, or ended and attempted). */
    public boolean mayBeCalledBack() {
        return RequestTransitions.callbackAllowed(state.status());
    }

    /** The person opted out or is on the suppression list: a callback would only be skipped again. */
    public boolean suppressed() {
        return reason == RequestReason.SUPPRESSED || state.channelStatus() == ChannelManagerStatus.UNSUBSCRIBED;
    }
}
