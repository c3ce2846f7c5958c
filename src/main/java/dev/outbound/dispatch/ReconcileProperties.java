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
 * @param horizon how long after its start an attempt the provider can say nothing about (it cannot
 *     be reached, or it knows no such call although this node placed one) stays open; then it ends
 *     NO_OUTCOME ({@code OUTBOUND_RECONCILE_HORIZON}, default 24 hours)
 */
@ConfigurationProperties("outbound.reconcile")
public record ReconcileProperties(
        @DefaultValue("2m") Duration after,
        @DefaultValue("24h") Duration horizon) {}
