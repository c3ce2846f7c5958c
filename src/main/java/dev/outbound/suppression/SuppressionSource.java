package dev.outbound.suppression;

import java.util.Locale;

/** Where an entry came from. Only {@link #SMS} entries are lifted by a START reply. */
public enum SuppressionSource {
    API,
    UPLOAD,
    SMS,
    PROVIDER,
    /** The recipient's own one-click unsubscribe from an email (RFC 8058). */
    EMAIL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
