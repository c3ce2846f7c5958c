package dev.outbound.dispatch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reconciliation settings ({@code OUTBOUND_RECONCILE_*}).
 *
 * @param after how long an attempt may go without news before the provider is asked about it;
 *     also the least age of an attempt whose node died before the provider is asked whether it
 *     was placed, so it must exceed the longest a start can take (timeout × retries)
 */
@ConfigurationProperties("outbound.reconcile")
public record ReconcileProperties(@DefaultValue("2m") Duration after) {}
