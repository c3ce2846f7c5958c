package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwilioStatusesTest {

    @ParameterizedTest
    @CsvSource({
        "accepted, ACCEPTED, false",
        "scheduled, ACCEPTED, false",
        "queued, QUEUED, false",
        "sending, SENDING, false",
        "sent, SENT, false",
        "delivered, DELIVERED, true",
        "read, DELIVERED, true",
        "undelivered, UNDELIVERED, true",
        "failed, FAILED, true",
        "canceled, CANCELED, true"
    })
    void each_twilio_message_status_maps_to_its_channel_status(
            String twilio, ChannelManagerStatus status, boolean ended) {
        assertThat(TwilioStatuses.message(twilio, null)).isEqualTo(new TwilioStatuses.Mapped(status, ended));
    }

    @ParameterizedTest
    @CsvSource({"undelivered, 30006", "undelivered, 30005", "failed, 21614", "failed, 30004", "undelivered, 30007"})
    void a_final_carrier_rejection_is_delivery_failed(String twilio, String errorCode) {
        assertThat(TwilioStatuses.message(twilio, errorCode))
                .isEqualTo(new TwilioStatuses.Mapped(ChannelManagerStatus.DELIVERY_FAILED, true));
    }

    @Test
    void an_error_that_may_pass_later_keeps_twilios_own_status() {
        assertThat(TwilioStatuses.message("undelivered", "30003"))
                .isEqualTo(new TwilioStatuses.Mapped(ChannelManagerStatus.UNDELIVERED, true));
        assertThat(TwilioStatuses.message("failed", "30008"))
                .isEqualTo(new TwilioStatuses.Mapped(ChannelManagerStatus.FAILED, true));
        assertThat(TwilioStatuses.message("delivered", "30006"))
                .isEqualTo(new TwilioStatuses.Mapped(ChannelManagerStatus.DELIVERED, true));
    }
}
