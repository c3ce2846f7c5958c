package dev.outbound.channel;

/**
 * The provider may or may not have taken the attempt (it timed out after the request was sent):
 * the attempt is neither started nor voided, and reconciliation asks the provider later.
 */
public class ChannelOutcomeUnknown extends RuntimeException {
    public ChannelOutcomeUnknown(String message) {
        super(message);
    }
}
