package dev.outbound.channel;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JAIN-SIP stack's log, into SLF4J. The stack's own logger needs log4j 1, which this service
 * does not ship; the stack instantiates this class by name (so it is public with a public
 * constructor).
 */
public final class SipStackLog implements StackLogger {
    private static final Logger log = LoggerFactory.getLogger("dev.outbound.channel.sip.stack");

    public SipStackLog() {}

    @Override
    public void logStackTrace() {}

    @Override
    public void logStackTrace(int level) {}

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable t) {
        log.warn("SIP stack", t);
    }

    @Override
    public void logDebug(String message) {
        log.debug(message);
    }

    @Override
    public void logDebug(String message, Exception e) {
        log.debug(message, e);
    }

    @Override
    public void logTrace(String message) {
        log.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        log.error(message);
    }

    @Override
    public void logError(String message) {
        log.error(message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return log.isInfoEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        // The stack builds costly messages behind these checks: only what SLF4J will keep.
        if (level <= TRACE_WARN) {
            return log.isWarnEnabled();
        }
        if (level <= TRACE_INFO) {
            return log.isDebugEnabled();
        }
        return level <= TRACE_DEBUG ? log.isDebugEnabled() : log.isTraceEnabled();
    }

    @Override
    public void logError(String message, Exception e) {
        log.error(message, e);
    }

    @Override
    public void logWarning(String message) {
        log.warn(message);
    }

    @Override
    public void logInfo(String message) {
        // The stack's INFO is per message (peer addresses, timers): debug for us.
        log.debug(message);
    }

    @Override
    public void disableLogging() {}

    @Override
    public void enableLogging() {}

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {}

    @Override
    public void setStackProperties(Properties properties) {}

    @Override
    public String getLoggerName() {
        return log.getName();
    }
}
