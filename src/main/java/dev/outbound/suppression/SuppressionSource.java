package dev.outbound.suppression;

import java.util.Locale;

/** Where an entry came from. Only {@link #SMS} entries are lifted by a START reply. */
public enum SuppressionSource {
    API,
    UPLOAD,
    SMS,
    PROVIDER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
