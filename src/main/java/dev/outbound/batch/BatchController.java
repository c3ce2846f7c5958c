package dev.outbound.batch;

import dev.outbound.api.InvalidInput;
import dev.outbound.api.ListQuery;
import dev.outbound.api.ListResponse;
import dev.outbound.api.Projection;
import dev.outbound.auth.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The contract's batch endpoints. */
@RestController
@RequestMapping("/api/v1/outbound/batches")
class BatchController {
    /** CommunicationBatch's required fields, kept in every projection. */
    private static final List<String> REQUIRED = List.of("batch_id", "campaign_id", "last_updated_by");

    private final Batches batches;
    private final Projection projection;
    private final Clock clock;

    BatchController(Batches batches, Projection projection, Clock clock) {
        this.batches = batches;
        this.projection = projection;
        this.clock = clock;
    }

    @GetMapping
    ListResponse<?> list(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        ListQuery query = ListQuery.parse(params, BatchRepository.PROPERTIES);
        boolean includeDeleted = "true".equalsIgnoreCase(params.getFirst("include_deleted"));
        return projection.apply(batches.list(caller, query, includeDeleted), query.fields(), REQUIRED);
    }

    @PostMapping
    BatchView create(Caller caller, @RequestBody(required = false) @Nullable JsonNode body) {
        return batches.create(caller, BatchBodies.input(body, clock));
    }

    @GetMapping("/{batchId}")
    BatchDetails get(Caller caller, @PathVariable String batchId) {
        return batches.details(caller, batchId);
    }

    @PutMapping("/{batchId}")
    BatchView update(
            Caller caller, @PathVariable String batchId, @RequestBody(required = false) @Nullable JsonNode body) {
        return batches.update(caller, batchId, BatchBodies.changes(body, clock));
    }

    @DeleteMapping("/{batchId}")
    Map<String, Object> delete(
            Caller caller,
            @PathVariable String batchId,
            @RequestParam(name = "delete_reason", required = false) @Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            throw InvalidInput.of(
                    "Field required: send delete_reason as a form field", "missing", "body", "delete_reason");
        }
        long canceled = batches.delete(caller, batchId, reason.strip());
        return Map.of("batch_id", batchId, "deleted", true, "canceled_requests", canceled);
    }
}
