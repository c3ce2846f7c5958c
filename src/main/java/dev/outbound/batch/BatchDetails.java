package dev.outbound.batch;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.outbound.request.read.StatusCounts;
import java.util.Map;

/** The contract's BatchDetails: a CommunicationBatch plus its request counts. */
record BatchDetails(
        @JsonUnwrapped BatchView batch,
        Map<String, Long> statusCounts,
        Map<String, StatusCounts.Breakdown> detailedStatusCounts) {

    static BatchDetails of(Batch b, StatusCounts counts) {
        return new BatchDetails(BatchView.of(b), counts.byStatus(), counts.detailed());
    }
}
