package dev.outbound.auth;

/** OUTBOUND_BOOTSTRAP_API_KEY is set but too short to be stored as an unsalted hash. */
final class ShortBootstrapKey extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ShortBootstrapKey(int length) {
        super("OUTBOUND_BOOTSTRAP_API_KEY is " + length + " characters long; it must be at least "
                + ApiKeys.MIN_CONFIGURED_LENGTH + " (a random one: openssl rand -hex 32), or unset to have a key"
                + " generated");
    }
}
