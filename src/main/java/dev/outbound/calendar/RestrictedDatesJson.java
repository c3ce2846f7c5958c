package dev.outbound.calendar;

import java.time.LocalDate;
import java.util.ArrayList;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Restricted dates in the API's shape, {@code [{"start": "2026-12-24", "end": "2026-12-26", "name":
 * "Christmas"}]}, which is also how a campaign and the policy store them. A date without a name
 * is answered with {@code "name": null}.
 */
public final class RestrictedDatesJson {
    private RestrictedDatesJson() {}

    public static ArrayNode node(RestrictedDates dates) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (RestrictedDate d : dates.dates()) {
            ObjectNode o = out.addObject();
            o.put("start", d.start().toString());
            o.put("end", d.end().toString());
            o.put("name", d.name().isEmpty() ? null : d.name());
        }
        return out;
    }

    /** The stored form; null for none, so an unset column stays NULL. */
    public static @Nullable String write(RestrictedDates dates) {
        return dates.isEmpty() ? null : node(dates).toString();
    }

    /** Reads the stored form (already validated when it was written); null is none. */
    public static RestrictedDates read(JsonMapper json, @Nullable String stored) {
        return stored == null ? RestrictedDates.NONE : read(json.readTree(stored));
    }

    static RestrictedDates read(JsonNode array) {
        var dates = new ArrayList<RestrictedDate>();
        for (JsonNode d : array) {
            JsonNode name = d.path("name");
            dates.add(new RestrictedDate(
                    LocalDate.parse(d.path("start").asString()),
                    LocalDate.parse(d.path("end").asString()),
                    name.isString() ? name.asString() : ""));
        }
        return new RestrictedDates(dates);
    }
}
