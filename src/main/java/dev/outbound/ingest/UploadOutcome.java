package dev.outbound.ingest;

/** What an accepted upload loaded: every row, split by the status it was stored with. */
record UploadOutcome(String batchId, String uploadFilename, long rows, long pending, long invalid, long duplicates) {}
