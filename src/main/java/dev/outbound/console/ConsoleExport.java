package dev.outbound.console;

import dev.outbound.auth.Caller;
import dev.outbound.batch.Batch;
import dev.outbound.batch.BatchDownloads;
import dev.outbound.batch.Batches;
import dev.outbound.request.RequestStatus;
import dev.outbound.request.read.ResultCsv;
import dev.outbound.request.read.ResultFilter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The results download, the same CSV as the API's {@code results.csv}. */
@Controller
class ConsoleExport {
    private final Batches batches;
    private final ResultCsv csv;

    ConsoleExport(Batches batches, ResultCsv csv) {
        this.batches = batches;
        this.csv = csv;
    }

    @GetMapping("/console/batches/{batchId}/results.csv")
    void download(
            Caller caller,
            @PathVariable String batchId,
            @RequestParam(name = "status", defaultValue = "") String status,
            @RequestParam(name = "reference_id", defaultValue = "") String referenceId,
            HttpServletResponse response)
            throws IOException {
        Batch batch = batches.find(caller, batchId);
        RequestStatus wanted = status.isBlank() ? null : RequestStatus.parse(status);
        var filter = new ResultFilter(referenceId.isBlank() ? null : referenceId.strip(), wanted, null);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, BatchDownloads.disposition(batchId));
        csv.write(batch.pk(), filter, response.getOutputStream());
    }
}
