package dev.outbound.channel;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP messages the stack sends and receives, at TRACE (they carry numbers and caller ids).
 * Replaces the stack's log4j-based message log; instantiated by the stack by name.
 */
public final class SipMessageLog implements ServerLogger {
    private static final Logger log = LoggerFactory.getLogger("dev.outbound.channel.sip.messages");

    public SipMessageLog() {}

    @Override
    public void closeLogFile() {}

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        trace(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        trace(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        trace(message, from, to, sender);
    }

    private static void trace(SIPMessage message, String from, String to, boolean sender) {
        if (log.isTraceEnabled()) {
            log.trace("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, message.encode());
        }
    }

    @Override
    public void logException(Exception e) {
        log.warn("SIP message", e);
    }

    @Override
    public void setStackProperties(Properties properties) {}

    @Override
    public void setSipStack(SipStack stack) {}
}
