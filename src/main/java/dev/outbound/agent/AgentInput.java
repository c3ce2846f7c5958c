package dev.outbound.agent;

import dev.outbound.api.JsonFields;
import dev.outbound.api.Violations;
import dev.outbound.channel.AgentHosts;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A validated agent body: {@code {"name", "voice_url"?, "sms_url"?, "sip_uri"?}}. */
record AgentInput(
        String name,
        @Nullable String voiceUrl,
        @Nullable String smsUrl,
        @Nullable String sipUri) {
    /** sip: or sips:, an optional user, a host (name, IPv4 or [IPv6]), a port, URI parameters. */
    private static final Pattern SIP_URI = Pattern.compile(
            "(?i)sips?:(?:[A-Za-z0-9\\-_.!~*'()&=+$,;?/%]+@)?(?:[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?"
                    + "(?:;[A-Za-z0-9\\-_.!~*'()%]+(?:=[A-Za-z0-9\\-_.!~*'()%]+)?)*");

    static final int MAX_NAME = 200;
    static final int MAX_URL = 2000;

    /** Every violation at once, as a 422; both URLs must pass the agent host rule. */
    static AgentInput read(@Nullable JsonNode body, AgentHosts hosts) {
        var v = new Violations();
        var f = JsonFields.body(body, v);
        String name = f.string("name", true);
        if (f.has("name") && name == null && f.isNull("name")) {
            f.fail("name", "Input should be a valid string", "string_type");
        } else if (name != null && name.isBlank()) {
            f.fail("name", "name must not be blank", "value_error");
        } else if (name != null && name.strip().length() > MAX_NAME) {
            f.fail("name", "String should have at most " + MAX_NAME + " characters", "string_too_long");
        }
        String voiceUrl = url(f, "voice_url", hosts);
        String smsUrl = url(f, "sms_url", hosts);
        String sipUri = sipUri(f);
        v.throwIfAny();
        return new AgentInput(Objects.requireNonNull(name).strip(), voiceUrl, smsUrl, sipUri);
    }

    /**
     * A SIP URI the SIP channel can INVITE (3PCC) or name in Refer-To. Checked by its shape only,
     * before it ever reaches the SIP stack, so no header can be smuggled in through it.
     */
    private static @Nullable String sipUri(JsonFields f) {
        String s = f.string("sip_uri", false);
        if (s == null || s.isBlank()) {
            return null;
        }
        String uri = s.strip();
        if (uri.length() > MAX_URL) {
            f.fail("sip_uri", "String should have at most " + MAX_URL + " characters", "string_too_long");
            return null;
        }
        if (!SIP_URI.matcher(uri).matches()) {
            f.fail("sip_uri", "sip_uri must be a sip: or sips: URI, e.g. sip:agent@pbx.example.com", "value_error");
            return null;
        }
        return uri;
    }

    private static @Nullable String url(JsonFields f, String field, AgentHosts hosts) {
        String s = f.string(field, false);
        if (s == null || s.isBlank()) {
            return null;
        }
        String url = s.strip();
        if (url.length() > MAX_URL) {
            f.fail(field, "String should have at most " + MAX_URL + " characters", "string_too_long");
            return null;
        }
        hosts.problem(url).ifPresent(problem -> f.fail(field, field + " " + problem, "value_error"));
        return url;
    }
}
