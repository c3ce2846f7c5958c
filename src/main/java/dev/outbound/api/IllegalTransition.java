package dev.outbound.api;

/**
 * A lifecycle change the transition table does not allow, or that lost a race with another change
 * (the row was no longer in the expected state): 409.
 */
public class IllegalTransition extends OutboundException {
    private final String entity;
    private final String from;
    private final String to;

    public IllegalTransition(String entity, String from, String to) {
        super(entity + " cannot go from " + from + " to " + to);
        this.entity = entity;
        this.from = from;
        this.to = to;
    }

    public String entity() {
        return entity;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }
}
