package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked examples of Twilio's "Validating requests" documentation. */
class TwilioSignatureTest {
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private final TwilioSignature signature = new TwilioSignature("12345");

    private static Map<String, String> params(String caller) {
        var p = new LinkedHashMap<String, String>();
        // Deliberately not in sorted order: the signature sorts them.
        p.put("To", "+18005551212");
        p.put("Digits", "1234");
        p.put("CallSid", "CA1234567890ABCDE");
        p.put("From", caller);
        p.put("Caller", caller);
        return p;
    }

    @Test
    void the_documented_example_is_signed_as_twilio_documents_it() {
        assertThat(signature.sign(URL, params("+14158675310"))).isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
    }

    @Test
    void the_older_documented_example_is_signed_as_twilio_documented_it() {
        assertThat(signature.sign(URL, params("+12349013030"))).isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    }

    @Test
    void a_matching_signature_is_valid() {
        assertThat(signature.valid(URL, params("+14158675310"), "GvWf1cFY/Q7PnoempGyD5oXAezc="))
                .isTrue();
    }

    @Test
    void a_changed_parameter_url_or_token_makes_it_invalid() {
        String good = "GvWf1cFY/Q7PnoempGyD5oXAezc=";
        var changed = params("+14158675310");
        changed.put("Digits", "1235");
        assertThat(signature.valid(URL, changed, good)).isFalse();
        assertThat(signature.valid(URL.replace("foo=1", "foo=2"), params("+14158675310"), good))
                .isFalse();
        assertThat(new TwilioSignature("54321").valid(URL, params("+14158675310"), good))
                .isFalse();
    }

    @Test
    void a_missing_or_blank_signature_is_invalid() {
        assertThat(signature.valid(URL, params("+14158675310"), null)).isFalse();
        assertThat(signature.valid(URL, params("+14158675310"), " ")).isFalse();
    }
}
