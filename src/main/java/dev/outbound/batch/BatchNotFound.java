package dev.outbound.batch;

import dev.outbound.api.NotFound;

/** No batch with this id in the caller's organization. */
public class BatchNotFound extends NotFound {
    private final String batchId;

    public BatchNotFound(String batchId) {
        super("Batch " + batchId + " not found");
        this.batchId = batchId;
    }

    public String batchId() {
        return batchId;
    }
}
