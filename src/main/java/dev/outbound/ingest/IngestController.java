package dev.outbound.ingest;

import dev.outbound.api.InvalidInput;
import dev.outbound.auth.Caller;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The contract's upload endpoint: multipart/form-data with the call list in part {@code file}. */
@RestController
class IngestController {
    private final Ingest ingest;

    IngestController(Ingest ingest) {
        this.ingest = ingest;
    }

    @PostMapping("/api/v1/outbound/batches/{batchId}/upload_batch")
    UploadOutcome upload(
            Caller caller,
            @PathVariable String batchId,
            @RequestPart(name = "file", required = false) @Nullable MultipartFile file)
            throws IOException {
        if (file == null) {
            throw InvalidInput.of(
                    "Field required: send the call list as multipart part 'file'", "missing", "body", "file");
        }
        String filename = file.getOriginalFilename();
        if (filename == null || filename.isBlank()) {
            filename = "upload.csv";
        }
        return ingest.upload(caller, batchId, filename.strip(), file.getInputStream());
    }
}
