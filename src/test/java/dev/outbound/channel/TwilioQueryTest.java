package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class TwilioQueryTest {

    @Test
    void a_query_that_is_not_validly_escaped_is_read_as_sent_instead_of_throwing() {
        assertThat(TwilioQuery.parse("r=%zz&a=1&k=%")).containsEntry("r", "%zz").containsEntry("a", "1");
        assertThat(TwilioQuery.parse("r=%C3%28")).containsKey("r");
        assertThat(TwilioQuery.parse("r=12&k=1%2D1")).containsEntry("r", "12").containsEntry("k", "1-1");
    }

    @Test
    void the_form_of_a_request_with_a_malformed_query_is_read_so_its_signature_can_be_checked() {
        var request = new MockHttpServletRequest("POST", "/twilio/voice/status");
        request.setQueryString("r=%zz&a=1");
        request.addParameter("r", "%zz");
        request.addParameter("a", "1");
        request.addParameter("CallSid", "CA1");

        assertThat(SignedTwilioRequests.form(request)).isEqualTo(Map.of("CallSid", "CA1"));
    }

    @Test
    void a_forged_callback_with_a_malformed_query_is_refused_not_decoded() {
        var callbacks = new TwilioCallbacks(
                TwilioTesting.properties("https://api.twilio.test", 1), Clock.systemUTC(), () -> null);

        boolean accepted = callbacks.receive(
                TwilioCallbacks.Kind.CALL,
                "/twilio/voice/status",
                "r=%zz&a=%",
                Map.of("CallSid", "CA1", "CallStatus", "completed"),
                "forged");

        assertThat(accepted).isFalse();
    }
}
