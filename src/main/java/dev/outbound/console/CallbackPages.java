package dev.outbound.console;

import dev.outbound.api.InvalidInput;
import dev.outbound.api.JsonFields;
import dev.outbound.api.Violations;
import dev.outbound.auth.Caller;
import dev.outbound.batch.Batch;
import dev.outbound.batch.Batches;
import dev.outbound.batch.CallbackAsk;
import dev.outbound.batch.CallbackScheduler;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batch page's "Call back" form: a local date and time read in a zone (the campaign's by
 * default), turned into the API's {@code at} with its offset, so the same checks and messages apply.
 */
@Controller
class CallbackPages {
    private final Batches batches;
    private final CallbackScheduler callbacks;
    private final JsonMapper json;
    private final java.time.Clock clock;

    CallbackPages(Batches batches, CallbackScheduler callbacks, JsonMapper json, java.time.Clock clock) {
        this.batches = batches;
        this.callbacks = callbacks;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/console/batches/{batchId}/callback")
    String callback(
            Caller caller,
            @PathVariable String batchId,
            @RequestParam(name = "reference_id", defaultValue = "") String referenceId,
            @RequestParam(name = "at", defaultValue = "") String at,
            @RequestParam(name = "zone", defaultValue = "UTC") String zone,
            @RequestParam(name = "note", defaultValue = "") String note) {
        if (referenceId.isBlank()) {
            throw InvalidInput.of(
                    "Give the reference id of the request to call back", "missing", "body", "reference_id");
        }
        var body = json.createObjectNode();
        body.put("at", withOffset(at, zone));
        body.put("note", note);
        var v = new Violations();
        CallbackAsk ask = CallbackAsk.read(JsonFields.body(body, v), clock);
        v.throwIfAny();
        Batch batch = batches.find(caller, batchId);
        callbacks.schedule(batch, referenceId.strip(), Objects.requireNonNull(ask));
        return BatchPages.redirect(batchId) + "?reference_id="
                + UriUtils.encodeQueryParam(referenceId.strip(), StandardCharsets.UTF_8);
    }

    private static String withOffset(String local, String zone) {
        ZoneId z;
        try {
            z = ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw InvalidInput.of(
                    "Input should be an IANA time zone such as America/New_York", "value_error", "body", "zone");
        }
        try {
            return LocalDateTime.parse(local.strip())
                    .atZone(z)
                    .toOffsetDateTime()
                    .toString();
        } catch (DateTimeParseException e) {
            throw InvalidInput.of("Give the date and time to call back", "datetime_parsing", "body", "at");
        }
    }
}
