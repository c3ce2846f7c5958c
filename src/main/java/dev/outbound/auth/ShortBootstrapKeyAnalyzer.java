package dev.outbound.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused bootstrap key into Spring Boot's short "application failed to start" report,
 * so the operator reads which variable to change instead of a bean-creation stack trace.
 * Registered in META-INF/spring.factories.
 */
public class ShortBootstrapKeyAnalyzer extends AbstractFailureAnalyzer<ShortBootstrapKey> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ShortBootstrapKey cause) {
        return new FailureAnalysis(
                String.valueOf(cause.getMessage()),
                "Set OUTBOUND_BOOTSTRAP_API_KEY to a random value of at least " + ApiKeys.MIN_CONFIGURED_LENGTH
                        + " characters (openssl rand -hex 32), or unset it.",
                cause);
    }
}
