package dev.outbound.channel;

/**
 * The key that signs unsubscribe links. Provided by the capability that keeps the service's
 * secrets, so that this package needs none of them and every node signs with the same key.
 */
public interface UnsubscribeKey {
    /** At least 32 bytes, used for this purpose only. */
    byte[] unsubscribeKey();
}
