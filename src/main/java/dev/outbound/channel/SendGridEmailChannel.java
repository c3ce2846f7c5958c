package dev.outbound.channel;

import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Email through SendGrid's v3 Mail Send API. {@link #start} sends the message {@link EmailComposer}
 * composes, with custom_args naming the request and attempt, and answers SendGrid's {@code
 * X-Message-Id} as the sid; what happens next arrives through the signed Event Webhook ({@link
 * SendGridEventController}). SendGrid's answer:
 *
 * <ul>
 *   <li>2xx: accepted, a QUEUED event (not ended; delivery is reported later);
 *   <li>400 naming the recipient: refused for good ({@link ChannelRefused}), no retry;
 *   <li>401, 403 and other 4xx: FAILED, ended (the account or the message is wrong, not the person);
 *   <li>429, 5xx, no answer in {@code OUTBOUND_SENDGRID_TIMEOUT}: {@link ChannelUnavailable}, so
 *       the attempt is voided and the request waits again.
 * </ul>
 *
 * <p>At most {@code OUTBOUND_SENDGRID_CONCURRENCY} sends are under way at once. An idempotency key
 * seen among the last {@link #REMEMBERED} accepted attempts answers its first sid and sends nothing.
 */
@Component
final class SendGridEmailChannel implements Channel, DisposableBean {
    static final String NAME = "sendgrid";
    static final int REMEMBERED = 100_000;
    private static final Logger log = LoggerFactory.getLogger(SendGridEmailChannel.class);
    private static final HexFormat HEX = HexFormat.of();

    private final SendGridProperties properties;
    private final SendGridClient client;
    private final EmailComposer composer;
    private final JsonMapper json;
    private final Clock clock;
    private final Semaphore slots;
    /** Striped: attempts with different keys rarely share one, and then only wait a send. */
    private final Object[] keyLocks = new Object[64];

    private final Map<String, String> sidsByKey = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    });

    SendGridEmailChannel(SendGridProperties properties, EmailComposer composer, JsonMapper json, Clock clock) {
        this.properties = properties;
        this.client = new SendGridClient(properties);
        this.composer = composer;
        this.json = json;
        this.clock = clock;
        this.slots = new Semaphore(properties.concurrency(), true);
        for (int i = 0; i < keyLocks.length; i++) {
            keyLocks[i] = new Object();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Mode> modes() {
        return Set.of(Mode.EMAIL);
    }

    @Override
    public void checkConfigured() {
        properties.requireComplete();
    }

    @Override
    public String start(ChannelAttempt attempt, ChannelListener listener) {
        if (attempt.mode() != Mode.EMAIL) {
            throw new ChannelRefused("the sendgrid channel sends email only");
        }
        synchronized (lockFor(attempt.idempotencyKey())) {
            String earlier = sidsByKey.get(attempt.idempotencyKey());
            if (earlier != null) {
                return earlier;
            }
            String sid = send(attempt, listener);
            sidsByKey.put(attempt.idempotencyKey(), sid);
            return sid;
        }
    }

    /** Attempts with one key wait for each other, so a key is never sent twice at once. */
    private Object lockFor(String key) {
        return keyLocks[Math.floorMod(key.hashCode(), keyLocks.length)];
    }

    private String send(ChannelAttempt attempt, ChannelListener listener) {
        String localId = HEX.toHexDigits(UUID.randomUUID().getMostSignificantBits())
                + HEX.toHexDigits(UUID.randomUUID().getLeastSignificantBits()) + "@outbound";
        EmailMessage message = composer.compose(attempt, localId);
        SendGridClient.Answer answer;
        acquire();
        try {
            answer = client.send(message, attempt.requestId(), attempt.attemptNo());
        } catch (IOException e) {
            throw new ChannelUnavailable("sendgrid: " + e.getMessage());
        } finally {
            slots.release();
        }
        int status = answer.status();
        if (status >= 200 && status < 300) {
            String sid = answer.messageId() == null ? localId : answer.messageId();
            listener.on(event(attempt, sid, ChannelManagerStatus.QUEUED, false, "sendgrid " + status));
            return sid;
        }
        String detail = "sendgrid " + status + ": " + errors(answer.body());
        if (status == 429 || status >= 500) {
            throw new ChannelUnavailable(detail);
        }
        if (status == 400 && badRecipient(answer.body())) {
            log.info("SendGrid refused the recipient of request {}: {}", attempt.requestId(), detail);
            throw new ChannelRefused(detail);
        }
        log.error("SendGrid answered {} to request {}: {}", status, attempt.requestId(), detail);
        listener.on(event(attempt, localId, ChannelManagerStatus.FAILED, true, detail));
        return localId;
    }

    private void acquire() {
        try {
            if (!slots.tryAcquire(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ChannelUnavailable("sendgrid: all " + properties.concurrency() + " slots busy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelUnavailable("sendgrid: interrupted");
        }
    }

    /** SendGrid names the field at fault: {@code personalizations.0.to.0.email} is the recipient. */
    private boolean badRecipient(String body) {
        for (JsonNode error : errorNodes(body)) {
            String field = error.path("field").asString("");
            if (field.startsWith("personalizations") && field.contains(".to")) {
                return true;
            }
        }
        return false;
    }

    private String errors(String body) {
        var messages = new StringBuilder();
        for (JsonNode error : errorNodes(body)) {
            if (!messages.isEmpty()) {
                messages.append("; ");
            }
            messages.append(error.path("message").asString(""));
            String field = error.path("field").asString("");
            if (!field.isEmpty()) {
                messages.append(" (").append(field).append(')');
            }
        }
        return messages.isEmpty() ? body.strip() : messages.toString();
    }

    private Iterable<JsonNode> errorNodes(String body) {
        try {
            JsonNode errors = json.readTree(body).path("errors");
            return errors.isArray() ? errors : java.util.List.of();
        } catch (JacksonException e) {
            return java.util.List.of();
        }
    }

    private ChannelEvent event(
            ChannelAttempt a, String sid, ChannelManagerStatus status, boolean ended, String detail) {
        return new ChannelEvent(a.requestId(), a.attemptNo(), sid, status, ended, clock.instant(), detail);
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
