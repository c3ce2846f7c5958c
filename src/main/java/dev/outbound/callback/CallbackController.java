package dev.outbound.callback;

import dev.outbound.api.JsonFields;
import dev.outbound.api.Violations;
import dev.outbound.auth.Caller;
import dev.outbound.batch.Batch;
import dev.outbound.batch.Batches;
import dev.outbound.batch.CallbackAsk;
import dev.outbound.batch.CallbackScheduler;
import dev.outbound.batch.ScheduledCallback;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Extension: {@code POST /api/v1/outbound/batches/{batch_id}/requests/{reference_id}/callback}. */
@RestController
class CallbackController {
    private final Batches batches;
    private final CallbackScheduler callbacks;
    private final Clock clock;

    CallbackController(Batches batches, CallbackScheduler callbacks, Clock clock) {
        this.batches = batches;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    @PostMapping("/api/v1/outbound/batches/{batchId}/requests/{referenceId}/callback")
    ScheduledCallback callback(
            Caller caller,
            @PathVariable String batchId,
            @PathVariable String referenceId,
            @RequestBody(required = false) @Nullable JsonNode body) {
        var v = new Violations();
        CallbackAsk ask = CallbackAsk.read(JsonFields.body(body, v), clock);
        v.throwIfAny();
        Batch batch = batches.find(caller, batchId);
        return callbacks.schedule(batch, referenceId, Objects.requireNonNull(ask));
    }
}
