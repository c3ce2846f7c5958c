package dev.outbound.api;

/** No API key, or one that is unknown or revoked: 401. */
public class Unauthorized extends OutboundException {
    public Unauthorized(String message) {
        super(message);
    }
}
