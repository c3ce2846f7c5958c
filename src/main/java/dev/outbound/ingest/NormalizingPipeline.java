package dev.outbound.ingest;

import dev.outbound.channel.Mode;
import dev.outbound.request.Target;
import dev.outbound.request.Targets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Normalises the targets of an upload's rows on another thread while the uploading thread goes
 * on reading the file and streaming rows into COPY: libphonenumber's validation was a quarter of
 * that thread's time. Rows are handed over in chunks and come back in file order, so ordinals,
 * first-row-wins and the rows' order in the table are as when normalised in line. At most
 * {@link #IN_FLIGHT} chunks wait, which bounds the memory whatever the file's size. Not
 * {@code parallel}, it normalises each row in line (the embedded store, whose inserts need the
 * cores themselves).
 */
final class NormalizingPipeline implements AutoCloseable {
    /** A row and its normalised target. */
    interface Sink {
        void accept(CallListReader.Row row, Target target);
    }

    static final int CHUNK = 2048;
    static final int IN_FLIGHT = 4;

    private final Targets targets;
    private final Mode mode;
    private final Sink sink;
    private final boolean parallel;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ArrayDeque<CompletableFuture<Chunk>> pending = new ArrayDeque<>();
    private List<CallListReader.Row> filling = new ArrayList<>(CHUNK);

    private record Chunk(List<CallListReader.Row> rows, Target[] targets) {}

    NormalizingPipeline(Targets targets, Mode mode, Sink sink) {
        this(targets, mode, true, sink);
    }

    NormalizingPipeline(Targets targets, Mode mode, boolean parallel, Sink sink) {
        this.targets = targets;
        this.mode = mode;
        this.parallel = parallel;
        this.sink = sink;
    }

    /** Takes the next row of the file; rows reach the sink in this order, later. */
    void add(CallListReader.Row row) {
        if (!parallel) {
            sink.accept(row, targets.normalize(row.target(), mode));
            return;
        }
        filling.add(row);
        if (filling.size() == CHUNK) {
            submit();
        }
    }

    /** Hands every row still held to the sink. */
    void finish() {
        if (!filling.isEmpty()) {
            submit();
        }
        while (!pending.isEmpty()) {
            deliver(next());
        }
    }

    private Chunk next() {
        try {
            return pending.removeFirst().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void submit() {
        List<CallListReader.Row> rows = filling;
        filling = new ArrayList<>(CHUNK);
        pending.addLast(CompletableFuture.supplyAsync(() -> normalize(rows), executor));
        while (pending.size() > IN_FLIGHT) {
            deliver(next());
        }
    }

    private Chunk normalize(List<CallListReader.Row> rows) {
        var normalized = new Target[rows.size()];
        for (int i = 0; i < normalized.length; i++) {
            normalized[i] = targets.normalize(rows.get(i).target(), mode);
        }
        return new Chunk(rows, normalized);
    }

    private void deliver(Chunk chunk) {
        for (int i = 0; i < chunk.targets().length; i++) {
            sink.accept(chunk.rows().get(i), chunk.targets()[i]);
        }
    }

    /** Waits for chunks still being normalised (a failed upload drops their results). */
    @Override
    public void close() {
        executor.close();
    }
}
