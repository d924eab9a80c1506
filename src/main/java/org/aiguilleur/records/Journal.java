package org.aiguilleur.records;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local append-only journal of events not yet confirmed in the database: one JSON event per
 * line, forced to disk (fsync) before {@link #append} returns, so an appended event survives a crash.
 * It is emptied only after the database has committed everything in it. One process at a time:
 * the file is locked while open. Not thread-safe: only the recorder's writer thread uses it.
 */
final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /** Takes one chunk of journaled events; may fail (the database is away), which stops the replay. */
    interface Chunk<X extends Exception> {
        void accept(List<StoredEvent> events) throws X;
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private long events;

    Journal(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            channel.close();
            throw new IOException("the records journal " + file + " is in use by another Aiguilleur process");
        }
        this.lock = l;
        long size = channel.size();
        if (size > 0) {
            // A crash mid-write leaves a torn last line: end it so the next line stands alone.
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            if (last.get(0) != '\n') {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
                channel.force(false);
            }
            try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
                events = lines.filter(s -> !s.isBlank()).count();
            }
        }
        channel.position(channel.size());
    }

    /** Appends the events and forces them to disk: from then on they are acknowledged. */
    void append(List<StoredEvent> batch) throws IOException {
        StringBuilder text = new StringBuilder(batch.size() * 256);
        for (StoredEvent e : batch) {
            text.append(JournalCodec.encode(e)).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        long at = channel.size();
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes, at + bytes.position());
            }
            channel.force(false);
        } catch (IOException e) {
            // Leave no half batch behind to be taken for acknowledged events.
            channel.truncate(at);
            throw e;
        }
        events += batch.size();
    }

    /** How many events the journal holds. */
    long size() {
        return events;
    }

    /**
     * Gives every journaled event, in order, in chunks of at most {@code chunk}. A line that is not an
     * event (a write torn by a crash: never acknowledged) is skipped.
     */
    <X extends Exception> void replay(int chunk, Chunk<X> sink) throws IOException, X {
        List<StoredEvent> batch = new ArrayList<>(chunk);
        int skipped = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    batch.add(JournalCodec.decode(line));
                } catch (RuntimeException torn) {
                    skipped++;
                    continue;
                }
                if (batch.size() == chunk) {
                    sink.accept(batch);
                    batch = new ArrayList<>(chunk);
                }
            }
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
        if (skipped > 0) {
            LOG.warn("records journal: skipped {} unreadable line(s) (torn by a crash before they were acknowledged)", skipped);
        }
    }

    /** Empties the journal once the database holds everything in it. */
    void clear() throws IOException {
        channel.truncate(0);
        channel.force(true);
        channel.position(0);
        events = 0;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
