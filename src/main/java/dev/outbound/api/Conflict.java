package dev.outbound.api;

/** The request is valid but clashes with what is stored: 409 with the reason. */
public class Conflict extends OutboundException {
    public Conflict(String message) {
        super(message);
    }
}
