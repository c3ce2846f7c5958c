package dev.outbound.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outbound.campaign.Targeting;
import dev.outbound.request.Enrichment;
import dev.outbound.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** When a request counts as unknown, and how long a pending lookup holds it back. */
class TargetAdmissionTest {
    private static final Instant ADDED = Instant.parse("2026-11-30T12:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TargetFilter MOBILES = TargetFilter.of(new Targeting(List.of("mobile"), false, null));

    private final MutableClock clock = new MutableClock(ADDED);

    private static Enrichment stored(@Nullable String lineType, @Nullable String payload) {
        return new Enrichment(1, lineType, payload, ADDED);
    }

    private TargetAdmission admission(boolean lookupConfigured) {
        var properties = new LookupProperties(
                "http://127.0.0.1:1",
                lookupConfigured ? "AC1" : "",
                lookupConfigured ? "secret" : "",
                Duration.ofDays(30),
                Duration.ofMinutes(5),
                4);
        return new TargetAdmission(properties, JSON, clock);
    }

    @Test
    void attributes_join_the_payload_and_the_stored_line_type() {
        var attributes = TargetAdmission.attributes(
                stored(
                        "mobile",
                        "{\"line_type\":\"mobile\",\"carrier_name\":\"Sinch\",\"mcc\":\"313\",\"error_code\":null}"),
                JSON);

        assertThat(attributes)
                .containsEntry("line_type", "mobile")
                .containsEntry("carrier_name", "Sinch")
                .containsEntry("mcc", "313")
                .doesNotContainKey("error_code");
    }

    @Test
    void nothing_resolved_or_a_lookup_error_without_line_type_is_unknown() {
        assertThat(TargetAdmission.attributes(stored(null, null), JSON)).isNull();
        assertThat(TargetAdmission.attributes(stored(null, "{\"line_type\":null,\"error_code\":\"60600\"}"), JSON))
                .isNull();
        assertThat(TargetAdmission.attributes(stored("unknown", null), JSON)).isNull();
        assertThat(TargetAdmission.attributes(stored("landline", null), JSON)).containsEntry("line_type", "landline");
    }

    @Test
    void with_lookup_a_request_waits_for_its_answer_only_during_the_grace() {
        var admission = admission(true);

        assertThat(admission.decide(MOBILES, stored("mobile", null))).isEqualTo(TargetAdmission.Verdict.WAIT);
        clock.advance(Duration.ofMinutes(5));
        assertThat(admission.decide(MOBILES, stored("mobile", null))).isEqualTo(TargetAdmission.Verdict.DIAL);
        assertThat(admission.decide(MOBILES, stored("landline", null))).isEqualTo(TargetAdmission.Verdict.SKIP);
    }

    @Test
    void without_lookup_nothing_waits_and_an_unfiltered_campaign_never_does() {
        assertThat(admission(false).decide(MOBILES, stored("landline", null))).isEqualTo(TargetAdmission.Verdict.SKIP);
        assertThat(admission(true).decide(TargetFilter.of(Targeting.NONE), stored(null, null)))
                .isEqualTo(TargetAdmission.Verdict.DIAL);
    }
}
