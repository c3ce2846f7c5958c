package dev.outbound.suppression;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of SMS replies ({@code OUTBOUND_SMS_*}).
 *
 * @param helpText the answer to a HELP or INFO reply: carriers expect it to name the sender and
 *     say how to opt out
 */
@ConfigurationProperties("outbound.sms")
public record SmsProperties(
        @DefaultValue("Reply STOP to stop receiving these messages, START to receive them again.")
        String helpText) {}
