package dev.outbound.batch;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;

/** How a batch's results download is named, for the API and the console alike. */
public final class BatchDownloads {
    private BatchDownloads() {}

    /** An attachment named after the batch; the batch id is encoded, never trusted as a file name. */
    public static String disposition(String batchId) {
        String safe = batchId.replaceAll("[^A-Za-z0-9._-]", "_");
        return ContentDisposition.attachment()
                .filename(safe + "-results.csv", StandardCharsets.UTF_8)
                .build()
                .toString();
    }
}
