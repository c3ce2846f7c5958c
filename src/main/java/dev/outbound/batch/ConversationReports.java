package dev.outbound.batch;

import dev.outbound.api.NotFound;
import dev.outbound.request.read.RequestResults;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The agent's conversation report, and the callback it may carry, in one transaction: a callback
 * that cannot be scheduled (the request is still in progress, the batch ends first) leaves the
 * report unrecorded too, so the agent can send the whole report again.
 */
@Service
class ConversationReports {
    private final RequestResults lifecycle;
    private final CallbackScheduler callbacks;

    ConversationReports(RequestResults lifecycle, CallbackScheduler callbacks) {
        this.lifecycle = lifecycle;
        this.callbacks = callbacks;
    }

    @Transactional
    Map<String, Object> record(
            Batch batch, String referenceId, BatchBodies.Conversation report, @Nullable String insightsJson) {
        if (!lifecycle.report(
                batch.pk(),
                referenceId,
                report.sessionId(),
                report.conversationId(),
                report.insightsStatus(),
                insightsJson)) {
            throw new NotFound("Request " + referenceId + " not found in batch " + batch.batchId());
        }
        var answer = new LinkedHashMap<String, Object>();
        answer.put("reference_id", referenceId);
        answer.put("recorded", true);
        CallbackAsk ask = report.callback();
        if (ask != null) {
            answer.put("callback", callbacks.schedule(batch, referenceId, ask));
        }
        return answer;
    }
}
