package dev.outbound.store;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Another instance has the embedded H2 database of this data directory open. */
public class DataDirectoryInUse extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final @Nullable Path directory;

    public DataDirectoryInUse(@Nullable Path directory) {
        super("The H2 database in " + (directory == null ? "OUTBOUND_DATA_DIR" : directory) + " is in use");
        this.directory = directory;
    }

    public @Nullable Path directory() {
        return directory;
    }
}
