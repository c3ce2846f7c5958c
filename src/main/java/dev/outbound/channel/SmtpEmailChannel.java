package dev.outbound.channel;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Email through an SMTP relay (Jakarta Mail / Angus). {@link #start} checks the address and hands
 * the message to a small pool ({@code OUTBOUND_SMTP_CONCURRENCY}), so a slow relay never holds up
 * the dispatcher's tick; the outcome comes back through the listener as one ended event:
 *
 * <ul>
 *   <li>the relay accepted the message: DELIVERED (SMTP knows no later delivery);
 *   <li>the relay refused the recipient for good (5xx to RCPT TO): INVALID, the request fails
 *       without retry, like a {@link ChannelRefused};
 *   <li>a temporary refusal (4xx) or no connection: DEFERRED, retried by the campaign's retry
 *       policy;
 *   <li>any other permanent refusal (sender, content, login): FAILED, retried likewise.
 * </ul>
 *
 * <p>Sender, parts and headers are {@link EmailComposer}'s: one text/plain part, or
 * multipart/alternative (text, then HTML) when the campaign gives an HTML part. The sid is the message's Message-ID
 * without angle brackets. An idempotency key seen among the last {@link #REMEMBERED} attempts
 * answers its first sid and sends nothing.
 */
@Component
final class SmtpEmailChannel implements Channel, DisposableBean {
    static final String NAME = "smtp";
    static final int REMEMBERED = 100_000;
    private static final Logger log = LoggerFactory.getLogger(SmtpEmailChannel.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final SmtpProperties properties;
    private final EmailComposer composer;
    private final Clock clock;
    private final Session session;
    private final ExecutorService pool;
    private final Map<String, String> sidsByKey = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    });
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inFlight;

    SmtpEmailChannel(SmtpProperties properties, ChannelProperties channels, EmailComposer composer, Clock clock) {
        if (NAME.equalsIgnoreCase(channels.email().trim())
                && (properties.host().isBlank() || composer.defaultFrom().isBlank())) {
            throw new IllegalStateException("OUTBOUND_CHANNELS_EMAIL=smtp needs OUTBOUND_SMTP_HOST and "
                    + "OUTBOUND_EMAIL_FROM (or its older name OUTBOUND_SMTP_FROM)");
        }
        this.properties = properties;
        this.composer = composer;
        this.clock = clock;
        this.session = Session.getInstance(sessionProperties(properties));
        this.pool = Executors.newFixedThreadPool(
                properties.concurrency(), Thread.ofVirtual().name("smtp-", 0).factory());
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
    public String start(ChannelAttempt attempt, ChannelListener listener) {
        if (attempt.mode() != Mode.EMAIL) {
            throw new ChannelRefused("the smtp channel sends email only");
        }
        InternetAddress to = address(attempt.target());
        String sid = HEX.toHexDigits(UUID.randomUUID().getMostSignificantBits())
                + HEX.toHexDigits(UUID.randomUUID().getLeastSignificantBits()) + "@outbound";
        String earlier = sidsByKey.putIfAbsent(attempt.idempotencyKey(), sid);
        if (earlier != null) {
            return earlier;
        }
        enter();
        try {
            pool.execute(() -> {
                try {
                    listener.on(send(attempt, to, sid));
                } catch (RuntimeException e) {
                    log.error("SMTP listener failed for request {}", attempt.requestId(), e);
                } finally {
                    leave();
                }
            });
        } catch (RejectedExecutionException e) {
            leave();
            sidsByKey.remove(attempt.idempotencyKey(), sid);
            throw new ChannelUnavailable("the smtp channel is shutting down");
        }
        return sid;
    }

    /** Waits until every message handed over has been reported; for tests. */
    boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (inFlight > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private ChannelEvent send(ChannelAttempt a, InternetAddress to, String sid) {
        try {
            var message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + sid + ">");
                }
            };
            EmailMessage email = composer.compose(a, sid);
            message.setFrom(new InternetAddress(email.from()));
            message.setRecipient(Message.RecipientType.TO, to);
            message.setSubject(email.subject(), UTF_8);
            String html = email.html();
            if (html == null) {
                message.setText(email.text(), UTF_8);
            } else {
                var text = new MimeBodyPart();
                text.setText(email.text(), UTF_8, "plain");
                var rich = new MimeBodyPart();
                rich.setText(html, UTF_8, "html");
                message.setContent(new MimeMultipart("alternative", text, rich));
            }
            for (Map.Entry<String, String> h : email.headers().entrySet()) {
                message.setHeader(h.getKey(), h.getValue());
            }
            if (properties.username().isBlank()) {
                Transport.send(message);
            } else {
                Transport.send(message, properties.username(), properties.password());
            }
            return event(a, sid, ChannelManagerStatus.DELIVERED, "accepted by " + properties.host());
        } catch (MessagingException e) {
            return failure(a, sid, e);
        }
    }

    private ChannelEvent failure(ChannelAttempt a, String sid, MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException r) {
                var status =
                        permanent(r.getReturnCode()) ? ChannelManagerStatus.INVALID : ChannelManagerStatus.DEFERRED;
                return event(a, sid, status, detail(r.getReturnCode(), r));
            }
            if (x instanceof SMTPSendFailedException s) {
                return refused(a, sid, s.getReturnCode(), s);
            }
            if (x instanceof SMTPSenderFailedException s) {
                return refused(a, sid, s.getReturnCode(), s);
            }
        }
        return event(a, sid, ChannelManagerStatus.DEFERRED, "SMTP: " + e.getMessage());
    }

    /** Refused for another reason than the recipient: not this person's fault, so retried. */
    private ChannelEvent refused(ChannelAttempt a, String sid, int code, Exception x) {
        var status = permanent(code) ? ChannelManagerStatus.FAILED : ChannelManagerStatus.DEFERRED;
        return event(a, sid, status, detail(code, x));
    }

    private static String detail(int code, Exception x) {
        return "SMTP " + code + ": " + String.valueOf(x.getMessage()).strip();
    }

    private static boolean permanent(int smtpCode) {
        return smtpCode >= 500 && smtpCode < 600;
    }

    private ChannelEvent event(ChannelAttempt a, String sid, ChannelManagerStatus status, String detail) {
        return new ChannelEvent(a.requestId(), a.attemptNo(), sid, status, true, clock.instant(), detail);
    }

    private static InternetAddress address(String target) {
        try {
            var address = new InternetAddress(target, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new ChannelRefused("not an email address: " + e.getMessage());
        }
    }

    private void enter() {
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
    }

    private void leave() {
        lock.lock();
        try {
            if (--inFlight == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private static Properties sessionProperties(SmtpProperties p) {
        var props = new Properties();
        String timeout = String.valueOf(p.timeout().toMillis());
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", p.host());
        props.put("mail.smtp.port", String.valueOf(p.port()));
        props.put("mail.smtp.connectiontimeout", timeout);
        props.put("mail.smtp.timeout", timeout);
        props.put("mail.smtp.writetimeout", timeout);
        props.put("mail.smtp.starttls.enable", String.valueOf(p.startTls()));
        props.put("mail.smtp.auth", String.valueOf(!p.username().isBlank()));
        return props;
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
