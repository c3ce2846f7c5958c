package dev.outbound.ingest;

/**
 * The uploaded file cannot be used; the message tells the user what to fix. It is stored as the
 * batch's error_message and answered to the caller, so it is kept short whatever the file held.
 */
final class InvalidUpload extends RuntimeException {
    /** Far below the error_message column (2000): a message is read by a person. */
    static final int MAX_MESSAGE = 500;
    /** How much of a value from the file a message quotes. */
    private static final int MAX_QUOTED = 60;

    InvalidUpload(String message) {
        super(message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "\u2026");
    }

    /** {@code value}, cut to a length that fits in a message. */
    static String quoted(String value) {
        return value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED - 1) + "\u2026";
    }

    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNull(super.getMessage());
    }
}
