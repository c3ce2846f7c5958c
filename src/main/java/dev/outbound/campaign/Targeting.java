package dev.outbound.campaign;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which targets a campaign may reach, as configured: the generic {@code target_filters} when set,
 * otherwise the legacy {@code allowed_line_types} buckets (empty means no filter) with {@code
 * include_unknown_line_types}.
 */
public record Targeting(
        List<String> allowedLineTypes,
        boolean includeUnknownLineTypes,
        @Nullable TargetFilters targetFilters) {

    public static final Targeting NONE = new Targeting(List.of(), true, null);

    public Targeting {
        allowedLineTypes = List.copyOf(allowedLineTypes);
    }
}
