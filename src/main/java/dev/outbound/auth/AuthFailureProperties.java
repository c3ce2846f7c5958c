package dev.outbound.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Failed authentication per client address, bound from {@code OUTBOUND_AUTH_FAILURE_*}.
 *
 * @param limit failed attempts (unknown or revoked API key, wrong console key) one address may
 *     make per {@code window} before it is answered 429; 0 turns the limit off
 * @param window the period over which {@code limit} failures refill
 * @param exemptLoopback whether 127.0.0.1 and ::1 are never limited; for tests, never the default
 */
@ConfigurationProperties("outbound.auth-failures")
public record AuthFailureProperties(long limit, Duration window, boolean exemptLoopback) {}
