package dev.outbound.auth;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** Resolves an API key presented outside the API's headers (the console's sign-in form). */
@Component
public class ConsoleSignIn {
    private final ActiveKeys keys;
    private final AuthFailures failures;

    ConsoleSignIn(ActiveKeys keys, AuthFailures failures) {
        this.keys = keys;
        this.failures = failures;
    }

    /**
     * Signing in from {@code address}: the caller the key stands for, or empty (a failure counted
     * against the address). An address with too many failures is refused with
     * {@link dev.outbound.api.TooManyRequests} before the key is looked up.
     */
    public Optional<Caller> signIn(String key, String address) {
        failures.check(address);
        Optional<Caller> caller = caller(key);
        if (caller.isEmpty() && !key.isBlank()) {
            failures.failed(address);
        }
        return caller;
    }

    /** The caller an active key stands for; empty for an unknown or revoked key. */
    public Optional<Caller> caller(String key) {
        return key.isBlank() ? Optional.empty() : keys.find(key.strip());
    }
}
