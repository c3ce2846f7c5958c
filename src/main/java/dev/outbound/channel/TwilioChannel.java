package dev.outbound.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio voice (Calls.json) and SMS (Messages.json). Calls are created at most {@code
 * OUTBOUND_TWILIO_CPS} per second across all nodes; outcomes come back as signed status callbacks
 * ({@link TwilioCallbackController}). Twilio takes no idempotency key, so a create that may or
 * may not have happened (timeout, 5xx) is never simply sent again: before each retry, and in
 * {@link #lookup}, the calls or messages to the number since the attempt started are listed.
 *
 * <p>Error handling: error 21610 (the recipient replied STOP) is {@link RecipientUnsubscribed};
 * other 400s (the number is invalid, not allowed...) refuse the target for good with Twilio's
 * message; 429 holds all nodes back for Retry-After and leaves the attempt for
 * later; 5xx and timeouts are retried, then reconciled; other 4xx (credentials) leave the attempt
 * for later.
 */
@Component
final class TwilioChannel implements Channel {
    static final String NAME = "twilio";
    private static final Logger log = LoggerFactory.getLogger(TwilioChannel.class);
    private static final Set<Mode> MODES = Set.of(Mode.VOICE, Mode.SMS);
    private static final int REMEMBERED_KEYS = 100_000;
    /** "Attempt to send to unsubscribed recipient": the person replied STOP to this sender. */
    private static final int UNSUBSCRIBED_RECIPIENT = 21610;

    private final TwilioProperties properties;
    private final TwilioClient client;
    private final TwilioForms forms;
    private final TwilioLookups lookups;
    private final TwilioCallbacks callbacks;
    private final TwilioPace pace;
    private final Clock clock;
    /** Idempotency key → sid, for attempts started on this node. */
    private final Map<String, String> sidsByKey = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_KEYS;
        }
    });

    @Autowired
    TwilioChannel(
            TwilioProperties properties,
            JsonMapper json,
            Clock clock,
            TwilioPace pace,
            AgentHosts agentHosts,
            ObjectProvider<ChannelListener> listeners,
            SmsDeliveryProperties sms,
            TwilioMetrics metrics) {
        this(properties, json, clock, pace, agentHosts, listeners::getIfUnique, sms.deliveryWait(), metrics);
    }

    TwilioChannel(
            TwilioProperties properties,
            JsonMapper json,
            Clock clock,
            TwilioPace pace,
            AgentHosts agentHosts,
            Supplier<@Nullable ChannelListener> fallback) {
        this(
                properties,
                json,
                clock,
                pace,
                agentHosts,
                fallback,
                SmsDeliveryProperties.DEFAULT_WAIT,
                TwilioMetrics.unserved());
    }

    TwilioChannel(
            TwilioProperties properties,
            JsonMapper json,
            Clock clock,
            TwilioPace pace,
            AgentHosts agentHosts,
            Supplier<@Nullable ChannelListener> fallback,
            Duration smsDeliveryWait,
            TwilioMetrics metrics) {
        this.properties = properties;
        this.client = new TwilioClient(properties, json, metrics);
        this.forms = new TwilioForms(properties, agentHosts);
        this.lookups = new TwilioLookups(client, clock, smsDeliveryWait);
        this.callbacks = new TwilioCallbacks(properties, clock, fallback);
        this.pace = pace;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Mode> modes() {
        return MODES;
    }

    @Override
    public void checkConfigured() {
        properties.requireComplete();
    }

    @Override
    public boolean reconciles() {
        return true;
    }

    TwilioCallbacks callbacks() {
        return callbacks;
    }

    @Override
    public String start(ChannelAttempt attempt, ChannelListener listener) {
        String known = sidsByKey.get(attempt.idempotencyKey());
        if (known != null) {
            return known;
        }
        boolean voice = attempt.mode() == Mode.VOICE;
        if (!MODES.contains(attempt.mode())) {
            throw new ChannelRefused("Twilio does not send " + attempt.mode().wire());
        }
        Map<String, String> form = voice ? forms.call(attempt) : forms.message(attempt);
        Instant began = clock.instant();
        if (voice && !pace.take(began)) {
            throw new ChannelUnavailable("Twilio calls-per-second limit reached");
        }
        callbacks.expect(attempt.requestId(), attempt.attemptNo(), listener);
        String sid;
        try {
            sid = create(attempt, form, began, voice ? "Calls.json" : "Messages.json");
        } catch (ChannelRefused | ChannelUnavailable e) {
            callbacks.forget(attempt.requestId(), attempt.attemptNo());
            throw e;
        }
        sidsByKey.put(attempt.idempotencyKey(), sid);
        return sid;
    }

    private String create(ChannelAttempt attempt, Map<String, String> form, Instant began, String resource) {
        var sent = new AtomicBoolean();
        try {
            return client.resilient(() -> {
                if (sent.get()) {
                    // The last try may have been done: never create twice.
                    ChannelEvent earlier = findEarlier(attempt, began);
                    if (earlier != null) {
                        return earlier.channelSid();
                    }
                }
                sent.set(true);
                return client.post(resource, form).path("sid").asString();
            });
        } catch (TwilioClient.Rejected e) {
            if (e.code == UNSUBSCRIBED_RECIPIENT) {
                log.info("Twilio refused request {}: the recipient has unsubscribed", attempt.requestId());
                throw new RecipientUnsubscribed("twilio " + e.code + ": " + e.getMessage());
            }
            if (e.status == 400) {
                log.info("Twilio refused request {}: {} ({})", attempt.requestId(), e.getMessage(), e.code);
                throw new ChannelRefused("twilio " + e.code + ": " + e.getMessage());
            }
            log.error("Twilio answered {} to {}: {}", e.status, resource, e.getMessage());
            throw new ChannelUnavailable("twilio answered " + e.status);
        } catch (TwilioClient.Throttled e) {
            pace.holdUntil(clock.instant().plus(e.retryAfter));
            throw new ChannelUnavailable("twilio is throttling: " + e.getMessage());
        } catch (TwilioClient.Failed e) {
            if (sent.get()) {
                throw new ChannelOutcomeUnknown(String.valueOf(e.getMessage()));
            }
            throw new ChannelUnavailable(String.valueOf(e.getMessage()));
        }
    }

    /** The call or message an earlier try may have made; failing to tell is a {@link TwilioClient.Failed}. */
    private @Nullable ChannelEvent findEarlier(ChannelAttempt attempt, Instant began) {
        try {
            return lookups.find(attempt, began).map(ChannelLookup::latest).orElse(null);
        } catch (TwilioClient.Rejected | TwilioClient.Throttled e) {
            throw new TwilioClient.Failed("cannot tell whether the last try was done: " + e.getMessage());
        }
    }

    @Override
    public Optional<ChannelLookup> lookup(ChannelAttempt attempt, Instant startedAt) {
        try {
            return client.resilient(() -> lookups.find(attempt, startedAt));
        } catch (RuntimeException e) {
            log.warn("Twilio lookup for request {} failed: {}", attempt.requestId(), e.getMessage());
            return Optional.empty();
        }
    }
}
