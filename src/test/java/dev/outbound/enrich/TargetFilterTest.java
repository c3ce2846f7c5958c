package dev.outbound.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.campaign.TargetFilters;
import dev.outbound.campaign.Targeting;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Filter semantics, one row per case: rule, attributes, verdict. */
class TargetFilterTest {
    private static final Map<String, String> MOBILE_SINCH =
            Map.of("line_type", "mobile", "carrier_name", "Onvoy, LLC - Sinch", "mcc", "313", "mnc", "410");
    private static final Map<String, String> LANDLINE = Map.of("line_type", "landline");

    static Stream<Arguments> singleRules() {
        return Stream.of(
                row("in matches a listed value", "line_type", "in", list("landline", "mobile"), MOBILE_SINCH, true),
                row("in misses an unlisted value", "line_type", "in", list("landline"), MOBILE_SINCH, false),
                row("in ignores case and blanks", "line_type", "in", list(" MOBILE "), MOBILE_SINCH, true),
                row("in is false for a missing field", "carrier_name", "in", list("x"), LANDLINE, false),
                row(
                        "not_in is true for an unlisted value",
                        "line_type",
                        "not_in",
                        list("landline"),
                        MOBILE_SINCH,
                        true),
                row("not_in is false for a listed value", "line_type", "not_in", list("mobile"), MOBILE_SINCH, false),
                row("not_in is true for a missing field", "carrier_name", "not_in", list("x"), LANDLINE, true),
                row("eq matches its value", "mcc", "eq", list("313"), MOBILE_SINCH, true),
                row("eq misses another value", "mcc", "eq", list("310"), MOBILE_SINCH, false),
                row("eq is false for a missing field", "mcc", "eq", list("313"), LANDLINE, false),
                row("neq is true for another value", "mnc", "neq", list("411"), MOBILE_SINCH, true),
                row("neq is false for its value", "mnc", "neq", list("410"), MOBILE_SINCH, false),
                row("neq is true for a missing field", "mnc", "neq", list("410"), LANDLINE, true),
                row("exists is true for a present field", "carrier_name", "exists", list(), MOBILE_SINCH, true),
                row("exists is false for a missing field", "carrier_name", "exists", list(), LANDLINE, false),
                row(
                        "exists is false for a blank field",
                        "carrier_name",
                        "exists",
                        list(),
                        Map.of("carrier_name", " "),
                        false),
                row("not_exists is true for a missing field", "carrier_name", "not_exists", list(), LANDLINE, true),
                row(
                        "not_exists is false for a present field",
                        "carrier_name",
                        "not_exists",
                        list(),
                        MOBILE_SINCH,
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleRules")
    void a_single_rule_decides_as_its_operator_says(
            String name,
            String field,
            String op,
            List<String> values,
            Map<String, String> attributes,
            boolean dialable) {
        var filter = rules("all", "exclude", new TargetFilters.Rule(field, op, values));

        assertThat(filter.dialable(attributes)).isEqualTo(dialable);
    }

    static Stream<Arguments> combinations() {
        var mobile = new TargetFilters.Rule("line_type", "in", List.of("mobile"));
        var sinch = new TargetFilters.Rule("carrier_name", "eq", List.of("Onvoy, LLC - Sinch"));
        var verizon = new TargetFilters.Rule("carrier_name", "eq", List.of("Verizon"));
        return Stream.of(
                Arguments.of("all: every rule holds", "all", List.of(mobile, sinch), true),
                Arguments.of("all: one rule fails", "all", List.of(mobile, verizon), false),
                Arguments.of("any: one rule holds", "any", List.of(verizon, mobile), true),
                Arguments.of(
                        "any: no rule holds",
                        "any",
                        List.of(verizon, new TargetFilters.Rule("mcc", "eq", List.of("1"))),
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void match_all_needs_every_rule_and_match_any_one(
            String name, String match, List<TargetFilters.Rule> rules, boolean dialable) {
        var filter = TargetFilter.of(new Targeting(List.of(), true, new TargetFilters(match, "include", rules)));

        assertThat(filter.dialable(MOBILE_SINCH)).isEqualTo(dialable);
    }

    static Stream<Arguments> unknowns() {
        var rule = new TargetFilters.Rule("line_type", "in", List.of("mobile"));
        return Stream.of(
                Arguments.of("include dials unknown under all", "all", "include", rule, true),
                Arguments.of("exclude skips unknown under all", "all", "exclude", rule, false),
                Arguments.of("include dials unknown under any", "any", "include", rule, true),
                Arguments.of(
                        "exclude skips unknown even for not_exists",
                        "all",
                        "exclude",
                        new TargetFilters.Rule("carrier_name", "not_exists", List.of()),
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknowns")
    void on_unknown_decides_for_unresolved_enrichment(
            String name, String match, String onUnknown, TargetFilters.Rule rule, boolean dialable) {
        assertThat(rules(match, onUnknown, rule).dialable(null)).isEqualTo(dialable);
    }

    static Stream<Arguments> buckets() {
        return Stream.of(
                Arguments.of(List.of("mobile"), true, "mobile", true),
                Arguments.of(List.of("mobile"), true, "landline", false),
                Arguments.of(List.of("voip"), false, "fixedVoip", true),
                Arguments.of(List.of("voip"), false, "nonFixedVoip", true),
                Arguments.of(List.of("landline", "voip"), false, "mobile", false),
                Arguments.of(List.of("mobile"), true, "tollFree", true),
                Arguments.of(List.of("mobile"), false, "tollFree", false),
                Arguments.of(List.of("mobile"), false, "unknown", false),
                Arguments.of(List.of("mobile"), true, null, true),
                Arguments.of(List.of("mobile"), false, null, false));
    }

    @ParameterizedTest(name = "allowed {0}, include unknown {1}: {2} → {3}")
    @MethodSource("buckets")
    void allowed_line_types_dial_their_buckets_and_unknowns_only_when_included(
            List<String> allowed, boolean includeUnknown, @Nullable String lineType, boolean dialable) {
        var filter = TargetFilter.of(new Targeting(allowed, includeUnknown, null));
        var attributes = new HashMap<String, String>();
        if (lineType != null) {
            attributes.put("line_type", lineType);
        }

        assertThat(filter.dialable(attributes)).isEqualTo(dialable);
        if (lineType == null) {
            assertThat(filter.dialable(null)).isEqualTo(dialable);
        }
    }

    @Test
    void target_filters_take_precedence_over_allowed_line_types() {
        var filters = new TargetFilters(
                "all", "include", List.of(new TargetFilters.Rule("line_type", "eq", List.of("landline"))));
        var filter = TargetFilter.of(new Targeting(List.of("mobile"), false, filters));

        assertThat(filter.dialable(LANDLINE)).isTrue();
        assertThat(filter.dialable(MOBILE_SINCH)).isFalse();
    }

    @Test
    void no_filter_or_empty_rules_dial_everything() {
        assertThat(TargetFilter.of(Targeting.NONE).active()).isFalse();
        assertThat(TargetFilter.of(
                                new Targeting(List.of("mobile"), true, new TargetFilters("all", "exclude", List.of())))
                        .active())
                .isFalse();
        assertThat(TargetFilter.of(Targeting.NONE).dialable(null)).isTrue();
    }

    private static TargetFilter rules(String match, String onUnknown, TargetFilters.Rule... rules) {
        return TargetFilter.of(
                new Targeting(List.of(), true, new TargetFilters(match, onUnknown, Arrays.asList(rules))));
    }

    private static List<String> list(String... values) {
        return List.of(values);
    }

    private static Arguments row(
            String name,
            String field,
            String op,
            List<String> values,
            Map<String, String> attributes,
            boolean dialable) {
        return Arguments.of(name, field, op, values, attributes, dialable);
    }
}
