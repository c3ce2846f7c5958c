package dev.outbound.channel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which channel serves each mode, by {@link Channel#name()}, bound from {@code
 * OUTBOUND_CHANNELS_VOICE}, {@code OUTBOUND_CHANNELS_SMS} and {@code OUTBOUND_CHANNELS_EMAIL}. All
 * default to {@code simulator}.
 */
@ConfigurationProperties("outbound.channels")
public record ChannelProperties(
        @DefaultValue("simulator") String voice,
        @DefaultValue("simulator") String sms,
        @DefaultValue("simulator") String email) {}
