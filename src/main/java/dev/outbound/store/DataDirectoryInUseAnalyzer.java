package dev.outbound.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Recognises "this data directory is in use" and explains it naming OUTBOUND_DATA_DIR, for
 * {@link DataDirectoryInUseReporter} to print as one line instead of a stack trace. Covers {@link DataDirectoryGuard}'s refusal and, for two instances that start at the same
 * moment and both pass the guard, H2's own refusal (error 90020) from inside the data source.
 */
public class DataDirectoryInUseAnalyzer implements FailureAnalyzer {
    /** H2's ErrorCode.DATABASE_ALREADY_OPEN_1. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private static final Pattern H2_FILE = Pattern.compile("\"([^\"]+)\\.mv\\.db\"");

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DataDirectoryInUse inUse) {
                return analysis(inUse.directory(), failure);
            }
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                var m = H2_FILE.matcher(String.valueOf(sql.getMessage()));
                return analysis(m.find() ? Path.of(m.group(1)).getParent() : null, failure);
            }
        }
        return null;
    }

    static String description(@Nullable Path directory) {
        return "Another outbound instance is using the H2 database in "
                + (directory == null ? "the data directory" : directory)
                + " (OUTBOUND_DATA_DIR): stop it, or start this one with another OUTBOUND_DATA_DIR.";
    }

    private static FailureAnalysis analysis(@Nullable Path directory, Throwable failure) {
        return new FailureAnalysis(
                description(directory),
                "Several instances on one store need PostgreSQL (SPRING_DATASOURCE_URL); H2 serves one process.",
                failure);
    }
}
