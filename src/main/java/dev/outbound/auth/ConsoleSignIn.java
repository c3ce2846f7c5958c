package dev.outbound.auth;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** Resolves an API key presented outside the API's headers (the console's sign-in form). */
@Component
public class ConsoleSignIn {
    private final ApiKeyRepository keys;

    ConsoleSignIn(ApiKeyRepository keys) {
        this.keys = keys;
    }

    /** The caller an active key stands for; empty for an unknown or revoked key. */
    public Optional<Caller> caller(String key) {
        return key.isBlank() ? Optional.empty() : keys.findActive(key.strip());
    }
}
