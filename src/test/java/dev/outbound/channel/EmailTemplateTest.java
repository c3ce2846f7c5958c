package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailTemplateTest {

    @Test
    void placeholders_are_replaced_by_variables_and_unknown_ones_by_nothing() {
        var t = EmailTemplate.from(Map.of(
                "subject",
                "Hi {{ name }}",
                "body",
                "Dear {{name}}, code {{code}}{{missing}}.",
                "name",
                "Ada",
                "code",
                "$1\\"));

        assertThat(t.subject()).isEqualTo("Hi Ada");
        assertThat(t.body()).isEqualTo("Dear Ada, code $1\\.");
    }

    @Test
    void a_subject_cannot_break_into_headers_and_missing_parts_are_empty() {
        assertThat(EmailTemplate.from(Map.of("subject", "a\r\nBcc: x@y.z")).subject())
                .isEqualTo("a Bcc: x@y.z");
        assertThat(EmailTemplate.from(Map.of())).isEqualTo(new EmailTemplate("", ""));
    }
}
