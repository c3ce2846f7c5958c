package dev.outbound.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Stops a second instance on the same embedded H2 database before anything opens it. Without
 * this, H2 refuses the second connection deep inside Flyway's start and the user reads a
 * 125-line stack trace ending in "Database may be already in use". H2 holds an exclusive OS lock
 * on its {@code .mv.db} file while the database is open, so a lock we cannot take means another
 * process (or another service in this JVM) has it open. Registered in META-INF/spring.factories:
 * it must run before the application context, which owns the data source, exists.
 */
public class DataDirectoryGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
    private static final String H2_FILE = "jdbc:h2:file:";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        String url = event.getEnvironment().getProperty("spring.datasource.url", "");
        h2File(url).filter(DataDirectoryGuard::locked).ifPresent(file -> {
            throw new DataDirectoryInUse(file.getParent());
        });
    }

    /** The {@code .mv.db} file of an H2 file URL; empty for every other store. */
    static Optional<Path> h2File(String url) {
        if (!url.toLowerCase(Locale.ROOT).startsWith(H2_FILE)) {
            return Optional.empty();
        }
        String path = url.substring(H2_FILE.length());
        int options = path.indexOf(';');
        if (options >= 0) {
            path = path.substring(0, options);
        }
        return Optional.of(Path.of(path + ".mv.db").toAbsolutePath().normalize());
    }

    private static boolean locked(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            // Unreadable or read-only: H2 gives the precise reason when it opens the file.
            return false;
        }
    }
}
