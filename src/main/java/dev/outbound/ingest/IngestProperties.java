package dev.outbound.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Call-list uploads, bound from {@code OUTBOUND_MAX_UPLOAD_ROWS}.
 *
 * @param maxRows most data rows one upload may hold; a longer file is refused (422) and stores
 *     nothing. Bounds the upload's memory, which grows with its rows (see the README).
 */
@ConfigurationProperties("outbound.ingest")
public record IngestProperties(long maxRows) {}
