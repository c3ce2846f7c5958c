package dev.outbound.channel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long outbound waits for a carrier's delivery report ({@code OUTBOUND_SMS_DELIVERY_WAIT}).
 * Carriers may hold a message for a day or two and some never report; after this long a message
 * still without a final status ends DELIVERY_UNKNOWN instead of staying in flight for ever.
 *
 * @param deliveryWait from the attempt's start; default 72 hours
 */
@ConfigurationProperties("outbound.sms")
public record SmsDeliveryProperties(@DefaultValue("72h") Duration deliveryWait) {
    static final Duration DEFAULT_WAIT = Duration.ofHours(72);

    public SmsDeliveryProperties {
        if (deliveryWait.isNegative() || deliveryWait.isZero()) {
            throw new IllegalArgumentException("OUTBOUND_SMS_DELIVERY_WAIT must be positive: " + deliveryWait);
        }
    }
}
