package dev.outbound.api;

/** A known caller asks for something their key may not do: 403. */
public class Forbidden extends OutboundException {
    public Forbidden(String message) {
        super(message);
    }
}
