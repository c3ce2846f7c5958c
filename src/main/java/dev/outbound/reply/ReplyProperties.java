package dev.outbound.reply;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Two-way SMS settings ({@code OUTBOUND_SMS_*}).
 *
 * @param sessionTtl how long after the last text to a number its replies still go to the agent,
 *     for campaigns whose {@code sms_session_ttl} is null
 */
@ConfigurationProperties("outbound.sms")
record ReplyProperties(@DefaultValue("60m") Duration sessionTtl) {}
