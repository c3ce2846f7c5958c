package dev.outbound.ingest;

/** The uploaded file cannot be used; the message tells the user what to fix. */
final class InvalidUpload extends RuntimeException {
    InvalidUpload(String message) {
        super(message);
    }

    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }
}
