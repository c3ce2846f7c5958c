package dev.outbound.channel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The form bodies of Twilio's Calls.json and Messages.json for an attempt. */
final class TwilioForms {
    private static final Logger log = LoggerFactory.getLogger(TwilioForms.class);
    static final String VOICE_STATUS_PATH = "/twilio/voice/status";
    static final String SMS_STATUS_PATH = "/twilio/sms/status";
    /** The variable an SMS campaign's message text is taken from (request over campaign). */
    static final String SMS_BODY_VARIABLE = "message";

    private final TwilioProperties properties;
    private final AgentHosts agentHosts;

    TwilioForms(TwilioProperties properties, AgentHosts agentHosts) {
        this.properties = properties;
        this.agentHosts = agentHosts;
    }

    /** Where Twilio reports on the attempt; requestId, attempt and key are covered by the signature. */
    String statusCallback(String path, ChannelAttempt a) {
        return properties.publicBase() + path + "?r=" + a.requestId() + "&a=" + a.attemptNo() + "&k="
                + java.net.URLEncoder.encode(a.idempotencyKey(), java.nio.charset.StandardCharsets.UTF_8);
    }

    Map<String, String> call(ChannelAttempt a) {
        var form = new LinkedHashMap<String, String>();
        form.put("To", a.target());
        form.put("From", from(a));
        form.put("Url", agentUrl(a));
        form.put("StatusCallback", statusCallback(VOICE_STATUS_PATH, a));
        form.put("StatusCallbackMethod", "POST");
        form.put("StatusCallbackEvent", "initiated ringing answered completed");
        CampaignDelivery.VoicemailDetection vm = a.campaign().voicemail();
        if (vm != null) {
            boolean v2 = "v2".equals(vm.mode());
            form.put("MachineDetection", v2 ? "Enable" : properties.machineDetection());
            put(form, "MachineDetectionTimeout", vm.overallTimeout(), 1, 3, 59);
            put(form, "MachineDetectionSpeechThreshold", vm.speechThreshold(), 1000, 1000, 6000);
            put(form, "MachineDetectionSpeechEndThreshold", vm.postSpeechTimeout(), 1000, 500, 5000);
            put(
                    form,
                    "MachineDetectionSilenceTimeout",
                    v2 ? vm.v2PreSpeechTimeout() : vm.preSpeechTimeout(),
                    1000,
                    2000,
                    10000);
        }
        return form;
    }

    Map<String, String> message(ChannelAttempt a) {
        String body = variables(a).getOrDefault(SMS_BODY_VARIABLE, properties.smsBody());
        if (body.isBlank()) {
            throw new ChannelRefused("an SMS needs the variable \"" + SMS_BODY_VARIABLE + "\" (request or campaign)");
        }
        var form = new LinkedHashMap<String, String>();
        form.put("To", a.target());
        form.put("From", from(a));
        form.put("Body", body);
        form.put("StatusCallback", statusCallback(SMS_STATUS_PATH, a));
        return form;
    }

    private String from(ChannelAttempt a) {
        String from = a.from() == null || a.from().isBlank() ? properties.from() : a.from();
        if (from.isBlank()) {
            throw new ChannelRefused(
                    "the campaign has neither caller_id nor source, and OUTBOUND_TWILIO_FROM is not set");
        }
        return from;
    }

    /** The agent's TwiML URL with the campaign's, then the request's, variables as query parameters. */
    private String agentUrl(ChannelAttempt a) {
        String base = a.campaign().agentUrl();
        if (base != null && !base.isBlank() && !agentHosts.allows(base)) {
            // The host list may have shrunk since the campaign was saved. Only the host is logged:
            // an agent URL's query may carry a token.
            log.warn(
                    "Agent URL of request {} (host {}) is no longer allowed by OUTBOUND_AGENT_HOSTS;"
                            + " the call uses OUTBOUND_TWILIO_VOICE_URL",
                    a.requestId(),
                    host(base));
            base = null;
        }
        if (base == null || base.isBlank()) {
            base = properties.voiceUrl();
        }
        if (base.isBlank()) {
            throw new ChannelRefused("no agent URL: set the campaign's agent_url or OUTBOUND_TWILIO_VOICE_URL");
        }
        Map<String, String> vars = variables(a);
        if (vars.isEmpty()) {
            return base;
        }
        return base + (base.contains("?") ? "&" : "?") + TwilioClient.encode(vars);
    }

    private static String host(String url) {
        try {
            String host = java.net.URI.create(url.trim()).getHost();
            return host == null ? "(none)" : host;
        } catch (IllegalArgumentException e) {
            return "(unparsable)";
        }
    }

    private static Map<String, String> variables(ChannelAttempt a) {
        var vars = new TreeMap<String, String>(a.campaign().variables());
        vars.putAll(a.variables());
        return vars;
    }

    /** Seconds from the campaign, scaled to Twilio's unit and clamped to the range Twilio accepts. */
    private static void put(
            Map<String, String> form, String name, @Nullable Double seconds, int scale, int min, int max) {
        if (seconds != null) {
            long v = Math.round(seconds * scale);
            form.put(name, Long.toString(Math.max(min, Math.min(max, v))));
        }
    }
}
