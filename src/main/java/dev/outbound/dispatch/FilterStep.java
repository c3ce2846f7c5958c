package dev.outbound.dispatch;

import dev.outbound.channel.ChannelManagerStatus;
import dev.outbound.channel.Mode;
import dev.outbound.enrich.TargetAdmission;
import dev.outbound.enrich.TargetFilter;
import dev.outbound.request.ClaimedRequest;
import dev.outbound.request.Enrichment;
import dev.outbound.request.Outcomes;
import dev.outbound.request.RequestReason;
import dev.outbound.request.Requests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Between claim and deliver: applies the campaign's target filters to the claimed requests. A
 * request the filters exclude gives its attempt back and is SKIPPED with FILTERED_LINE_TYPE; one
 * whose lookup is pending gives it back and waits {@link #RECHECK}. Email is never filtered, and a
 * campaign without filters costs nothing here.
 */
@Component
class FilterStep {
    static final Duration RECHECK = Duration.ofSeconds(30);
    private final TargetAdmission admission;
    private final Requests requests;
    private final Outcomes lifecycle;
    private final Clock clock;

    FilterStep(TargetAdmission admission, Requests requests, Outcomes lifecycle, Clock clock) {
        this.admission = admission;
        this.requests = requests;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    /** The claimed requests that may be dialled now. */
    List<ClaimedRequest> admit(Grant grant, List<ClaimedRequest> claimed) {
        TargetFilter filter = admission.filter(grant.rules().targeting());
        if (!filter.active() || grant.rules().mode() == Mode.EMAIL || claimed.isEmpty()) {
            return claimed;
        }
        Map<Long, Enrichment> facts = new HashMap<>();
        requests.enrichment(claimed.stream().map(ClaimedRequest::id).toList())
                .forEach(e -> facts.put(e.requestId(), e));
        Instant now = clock.instant();
        var admitted = new ArrayList<ClaimedRequest>(claimed.size());
        for (ClaimedRequest c : claimed) {
            Enrichment e = facts.get(c.id());
            var verdict = e == null ? TargetAdmission.Verdict.DIAL : admission.decide(filter, e);
            switch (verdict) {
                case DIAL -> admitted.add(c);
                case SKIP ->
                    lifecycle.skipClaimed(
                            c,
                            ChannelManagerStatus.FILTERED_LINE_TYPE,
                            now,
                            RequestReason.FILTERED,
                            excluded(grant, e));
                case WAIT ->
                    lifecycle.postponeClaimed(
                            c,
                            now.plus(RECHECK),
                            RequestReason.LOOKUP_PENDING,
                            "number lookup pending; checked again at " + now.plus(RECHECK));
            }
        }
        return admitted;
    }

    /** The rule in words, e.g. "line type landline not allowed". */
    private static String excluded(Grant grant, @Nullable Enrichment e) {
        String lineType = e == null || e.lineType() == null ? "unknown" : e.lineType();
        return grant.rules().targeting().targetFilters() == null
                ? "line type " + lineType + " not allowed"
                : "excluded by the campaign's target_filters (line type " + lineType + ")";
    }
}
