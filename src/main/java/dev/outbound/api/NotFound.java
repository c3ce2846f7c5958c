package dev.outbound.api;

/** Something the caller named does not exist in their organization: 404. */
public class NotFound extends OutboundException {
    public NotFound(String message) {
        super(message);
    }
}
