package dev.outbound.campaign;

/** What an update does to a webhook's stored HMAC secret, as the contract defines it. */
sealed interface SecretChange {
    /** {@code "hmac_secret": null}: keep what is stored (a new webhook gets none). */
    record Keep() implements SecretChange {}

    /** The key (or auth_values) omitted: drop any stored secret. */
    record Remove() implements SecretChange {}

    /** A new secret. */
    record Replace(byte[] secret) implements SecretChange {
        @Override
        public String toString() {
            return "Replace[secret=<hidden>]";
        }
    }
}
