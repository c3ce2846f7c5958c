package dev.outbound.channel;

/**
 * The provider refuses the target because the person opted out with it (Twilio error 21610: they
 * replied STOP to this sender). Not a bad target: the request is skipped as unsubscribed, and the
 * person is kept from being contacted again.
 */
public class RecipientUnsubscribed extends ChannelRefused {
    public RecipientUnsubscribed(String message) {
        super(message);
    }
}
