package dev.outbound.channel;

import java.time.Instant;

/** The account's call-creation slots, shared by every node (see {@link DatabaseTwilioPace}). */
interface TwilioPace {
    /** Takes the next slot if it is due at {@code now}; false when the caller must wait. */
    boolean take(Instant now);

    /** No slot before {@code until} (Twilio answered 429). */
    void holdUntil(Instant until);

    /** No limit: for tests of other behaviour. */
    TwilioPace UNLIMITED = new TwilioPace() {
        @Override
        public boolean take(Instant now) {
            return true;
        }

        @Override
        public void holdUntil(Instant until) {}
    };
}
