package dev.outbound.enrich;

import dev.outbound.campaign.Targeting;
import dev.outbound.request.Enrichment;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decides, just before dialling, whether a request of a filtering campaign may be reached. While
 * Lookup is configured and has not answered for a request, the request {@link Verdict#WAIT}s, but
 * only for {@code OUTBOUND_TWILIO_LOOKUP_GRACE} after it was added: then the line type
 * libphonenumber gave at ingest decides (unknown when it gave none), so a slow or failing Lookup
 * never stops a campaign for good.
 */
@Component
public class TargetAdmission {
    public enum Verdict {
        DIAL,
        SKIP,
        WAIT
    }

    private final LookupProperties lookup;
    private final JsonMapper json;
    private final Clock clock;

    TargetAdmission(LookupProperties lookup, JsonMapper json, Clock clock) {
        this.lookup = lookup;
        this.json = json;
        this.clock = clock;
    }

    public TargetFilter filter(Targeting targeting) {
        return TargetFilter.of(targeting);
    }

    public Verdict decide(TargetFilter filter, Enrichment e) {
        if (!filter.active()) {
            return Verdict.DIAL;
        }
        if (lookup.configured()
                && e.payloadJson() == null
                && clock.instant().isBefore(e.createdAt().plus(lookup.lookupGrace()))) {
            return Verdict.WAIT;
        }
        return filter.dialable(attributes(e, json)) ? Verdict.DIAL : Verdict.SKIP;
    }

    /**
     * The attributes filters see: the payload's fields with the stored line type over them; null
     * (unknown) when nothing resolved: no line type, and no payload or one that carries an error.
     */
    static @Nullable Map<String, String> attributes(Enrichment e, JsonMapper json) {
        var out = new HashMap<String, String>();
        if (e.payloadJson() != null) {
            JsonNode payload = json.readTree(e.payloadJson());
            payload.properties().forEach(p -> {
                if (p.getValue().isValueNode() && !p.getValue().isNull()) {
                    out.put(p.getKey(), p.getValue().asString());
                }
            });
        }
        if (e.lineType() != null) {
            out.put("line_type", e.lineType());
        }
        String lineType = out.get("line_type");
        boolean known = lineType != null && !lineType.equalsIgnoreCase("unknown");
        if (!known && (e.payloadJson() == null || out.containsKey("error_code"))) {
            return null;
        }
        return out;
    }
}
