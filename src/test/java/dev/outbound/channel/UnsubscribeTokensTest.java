package dev.outbound.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {
    private final UnsubscribeTokens tokens = EmailTesting.tokens();

    @Test
    void a_signed_token_reads_back_as_its_organization_request_and_target() {
        var t = new UnsubscribeToken(3, 9_000_000_001L, "Zoë@example.com");

        assertThat(tokens.verify(tokens.sign(t))).contains(t);
        assertThat(tokens.sign(t)).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void a_changed_payload_another_key_or_garbage_is_rejected() {
        String token = tokens.sign(new UnsubscribeToken(3, 10, "ann@example.com"));
        String other = tokens.sign(new UnsubscribeToken(3, 11, "ann@example.com"));
        String forged = other.substring(0, other.indexOf('.')) + token.substring(token.indexOf('.'));
        var otherKey = new UnsubscribeTokens(
                () -> "another key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.verify(forged)).isEmpty();
        assertThat(otherKey.verify(token)).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("abc")).isEmpty();
        assertThat(tokens.verify("a.b.c")).isEmpty();
        assertThat(tokens.verify("!!.??")).isEmpty();
        assertThat(tokens.verify(token + "x")).isEmpty();
    }
}
