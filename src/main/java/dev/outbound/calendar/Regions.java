package dev.outbound.calendar;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A recipient's region ({@code US-FL}, or a country such as {@code GB}) from its request
 * variables {@code state} or {@code zip}/{@code postal_code} when the call list has them, else
 * from its number.
 */
@Component
public class Regions {
    /** The region of a request to {@code target} with these variables (JSON object text); null when unknown. */
    public @Nullable String of(String target, @Nullable String variablesJson) {
        return null; // skeleton: filled in by the regions work of issue 14
    }
}
