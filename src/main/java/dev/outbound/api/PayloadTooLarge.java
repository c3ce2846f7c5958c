package dev.outbound.api;

/** A body over the configured limit: 413. */
public class PayloadTooLarge extends OutboundException {
    public PayloadTooLarge(String message) {
        super(message);
    }
}
