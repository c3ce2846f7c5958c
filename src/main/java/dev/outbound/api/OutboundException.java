package dev.outbound.api;

/**
 * Root of the service's small unchecked exception tree. Each subtype carries the ids a user needs
 * to act on it; {@link ApiExceptionHandler} maps the tree to HTTP in one place.
 */
public abstract class OutboundException extends RuntimeException {
    protected OutboundException(String message) {
        super(message);
    }
}
