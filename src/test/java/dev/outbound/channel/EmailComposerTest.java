package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class EmailComposerTest {
    private final EmailComposer composer = EmailTesting.composer("acme.example, Clinic.Example");

    private static ChannelAttempt attempt(
            @Nullable String callerId, @Nullable String source, Map<String, String> campaign, Map<String, String> own) {
        var delivery =
                new CampaignDelivery(callerId != null ? callerId : source, source, null, null, null, null, campaign, 7);
        return new ChannelAttempt(42, 1, "k-42", Mode.EMAIL, "ann@example.com", delivery.from(), own, delivery);
    }

    @Test
    void the_sender_is_the_campaigns_source_when_its_domain_is_listed() {
        assertThat(composer.compose(attempt(null, "news@acme.example", Map.of(), Map.of()), "m")
                        .from())
                .isEqualTo("news@acme.example");
        assertThat(composer.compose(attempt(null, "care@CLINIC.example", Map.of(), Map.of()), "m")
                        .from())
                .as("domains compare without case")
                .isEqualTo("care@CLINIC.example");
    }

    @Test
    void the_sender_is_the_default_for_a_source_outside_the_listed_domains_or_without_a_source() {
        assertThat(composer.compose(attempt(null, "news@other.example", Map.of(), Map.of()), "m")
                        .from())
                .isEqualTo(EmailTesting.DEFAULT_FROM);
        assertThat(composer.compose(attempt(null, "news@sub.acme.example", Map.of(), Map.of()), "m")
                        .from())
                .isEqualTo(EmailTesting.DEFAULT_FROM);
        assertThat(composer.compose(attempt(null, null, Map.of(), Map.of()), "m")
                        .from())
                .isEqualTo(EmailTesting.DEFAULT_FROM);
    }

    @Test
    void a_caller_id_is_never_the_sender_even_when_the_source_is_empty() {
        var withCallerId = attempt("+14155550100", null, Map.of(), Map.of());

        assertThat(withCallerId.from()).isEqualTo("+14155550100");
        assertThat(composer.compose(withCallerId, "m").from()).isEqualTo(EmailTesting.DEFAULT_FROM);
        assertThat(composer.compose(attempt("+14155550100", "news@acme.example", Map.of(), Map.of()), "m")
                        .from())
                .isEqualTo("news@acme.example");
    }

    @Test
    void with_no_listed_domains_every_email_goes_from_the_default_sender() {
        var open = EmailTesting.composer("");

        assertThat(open.compose(attempt(null, "news@acme.example", Map.of(), Map.of()), "m")
                        .from())
                .isEqualTo(EmailTesting.DEFAULT_FROM);
    }

    @Test
    void the_default_sender_is_outbound_email_from_else_its_older_name_outbound_smtp_from() {
        var older = EmailTesting.composer(
                new EmailProperties("", ""), EmailTesting.smtp("old@outbound.test"), EmailTesting.PUBLIC_URL, "smtp");

        assertThat(older.defaultFrom()).isEqualTo("old@outbound.test");
        assertThat(EmailTesting.composer(
                                new EmailProperties("new@outbound.test", ""),
                                EmailTesting.smtp("old@outbound.test"),
                                EmailTesting.PUBLIC_URL,
                                "smtp")
                        .defaultFrom())
                .isEqualTo("new@outbound.test");
    }

    @Test
    void templates_see_the_campaigns_variables_and_the_requests_win() {
        var campaign = Map.of(
                "subject", "News from {{brand}}",
                "body", "Hello {{name}}, {{brand}} says hi.",
                "brand", "Acme",
                "name", "customer");
        var own = Map.of("name", "Ann");

        EmailMessage m = composer.compose(attempt(null, null, campaign, own), "m");

        assertThat(m.subject()).isEqualTo("News from Acme");
        assertThat(m.text()).isEqualTo("Hello Ann, Acme says hi.");
        assertThat(m.html()).isNull();
        assertThat(m.to()).isEqualTo("ann@example.com");
    }

    @Test
    void values_filled_into_the_html_part_are_escaped_and_the_template_itself_is_not() {
        var campaign = Map.of("html", "<p>Hello <b>{{name}}</b></p>", "body", "Hello {{name}}");
        var own = Map.of("name", "<script>alert('x')</script> & \"co\"");

        EmailMessage m = composer.compose(attempt(null, null, campaign, own), "m");

        assertThat(m.html())
                .isEqualTo("<p>Hello <b>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;co&quot;</b></p>");
        assertThat(m.text()).isEqualTo("Hello <script>alert('x')</script> & \"co\"");
    }

    @Test
    void the_subject_never_has_a_line_break_even_from_a_variable() {
        var own = Map.of("subject", "Hi {{name}}", "name", "Ann\r\nBcc: everyone@example.com\n");

        assertThat(composer.compose(attempt(null, null, Map.of(), own), "m").subject())
                .isEqualTo("Hi Ann Bcc: everyone@example.com")
                .doesNotContain("\r", "\n");
    }

    @Test
    void every_email_carries_a_signed_one_click_unsubscribe_link_for_its_organization_request_and_target() {
        EmailMessage m = composer.compose(attempt(null, null, Map.of(), Map.of()), "m");

        assertThat(m.headers()).containsOnlyKeys("List-Unsubscribe", "List-Unsubscribe-Post");
        assertThat(m.headers().get("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        String link = java.util.Objects.requireNonNull(m.headers().get("List-Unsubscribe"));
        assertThat(link)
                .startsWith("<https://outbound.example/email/unsubscribe/")
                .endsWith(">");
        String token = link.substring(link.lastIndexOf('/') + 1, link.length() - 1);
        assertThat(EmailTesting.tokens().verify(token)).contains(new UnsubscribeToken(7, 42, "ann@example.com"));
    }

    @Test
    void an_email_channel_without_a_public_url_stops_the_service_at_start() {
        var email = new EmailProperties(EmailTesting.DEFAULT_FROM, "");
        for (String channel : new String[] {"smtp", "sendgrid"}) {
            assertThatThrownBy(() -> EmailTesting.composer(email, EmailTesting.smtp(""), "", channel))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("OUTBOUND_PUBLIC_URL");
        }
        assertThat(EmailTesting.composer(email, EmailTesting.smtp(""), "", "simulator"))
                .isNotNull();
    }
}
