package dev.outbound.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports "this data directory is in use" as one line naming OUTBOUND_DATA_DIR, ahead of Spring
 * Boot's own failure report (a banner, a description and an action over a dozen lines), which is
 * left to every other start-up failure. Registered in META-INF/spring.factories.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DataDirectoryInUseReporter implements SpringBootExceptionReporter {
    private static final Logger log = LoggerFactory.getLogger(DataDirectoryInUseReporter.class);

    @Override
    public boolean reportException(Throwable failure) {
        FailureAnalysis analysis = new DataDirectoryInUseAnalyzer().analyze(failure);
        if (analysis == null) {
            return false;
        }
        log.error("Not started: {} {}", analysis.getDescription(), analysis.getAction());
        return true;
    }
}
