package dev.outbound.ingest;

import dev.outbound.auth.Caller;
import java.io.InputStream;
import org.springframework.stereotype.Component;

/** Call list uploads for other front ends (the console): the same ingest as the API's. */
@Component
public class Uploads {
    private final Ingest ingest;

    Uploads(Ingest ingest) {
        this.ingest = ingest;
    }

    /** What an upload did: its rows, and how many are pending, invalid or duplicates. */
    public record Outcome(long rows, long pending, long invalid, long duplicates) {}

    public Outcome upload(Caller caller, String batchId, String filename, InputStream file) {
        UploadOutcome o = ingest.upload(caller, batchId, filename, file);
        return new Outcome(o.rows(), o.pending(), o.invalid(), o.duplicates());
    }
}
