package dev.outbound.campaign;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What an attempt that ends with an answering machine (channel status MACHINE) does to its request. */
public enum MachineOutcome {
    /** Not reached: retried like any other outcome (the default, and the behaviour before the field). */
    RETRY,
    /** The machine took the message: the request ends COMPLETED with channel status MACHINE. */
    COMPLETE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static @Nullable MachineOutcome parse(String s) {
        for (MachineOutcome m : values()) {
            if (m.wire().equalsIgnoreCase(s.strip())) {
                return m;
            }
        }
        return null;
    }
}
