package dev.outbound.campaign;

import java.util.List;

/** The contract's generic target filter, with its defaults filled in. */
public record TargetFilters(String match, String onUnknown, List<Rule> rules) {
    public TargetFilters {
        rules = List.copyOf(rules);
    }

    /** One predicate over an enrichment attribute; values are ignored for exists / not_exists. */
    public record Rule(String field, String op, List<String> values) {
        public Rule {
            values = List.copyOf(values);
        }
    }
}
