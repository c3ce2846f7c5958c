package dev.outbound.calendar;

import java.util.List;

/** An organization's rules by recipient region, in the order it set them. */
public record RecipientRules(List<RecipientRule> rules) {
    public static final RecipientRules NONE = new RecipientRules(List.of());

    public RecipientRules {
        rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Every rule that applies to a recipient in {@code region}: all of them narrow its hours. */
    public List<RecipientRule> applyingTo(@org.jspecify.annotations.Nullable String region) {
        return rules.stream().filter(r -> r.appliesTo(region)).toList();
    }
}
