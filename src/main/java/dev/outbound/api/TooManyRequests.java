package dev.outbound.api;

/** The caller has used up its request allowance for now: 429 with {@code Retry-After}. */
public class TooManyRequests extends OutboundException {
    private final long retryAfterSeconds;

    public TooManyRequests(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
