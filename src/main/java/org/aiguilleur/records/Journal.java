package org.aiguilleur.records;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local append-only journal of events not yet confirmed in the database: one JSON event per
 * line, forced to disk (fsync) before {@link #append} returns, so an appended event survives a crash.
 * It is emptied only after the database has committed everything in it. One process at a time:
 * the file is locked while open. Not thread-safe: only the recorder's writer thread uses it.
 *
 * <p>It reads back through its own open channel, so the events in it stay readable while the process
 * runs even when its file is deleted or its folder replaced ({@link #intact()} tells).
 */
final class Journal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /** Takes one chunk of journaled events; may fail (the database is away), which stops the replay. */
    interface Chunk<X extends Exception> {
        void accept(List<StoredEvent> events) throws X;
    }

    /** Another process holds the journal: a configuration error, unlike a failing disk. */
    static final class InUse extends IOException {
        InUse(Path file) {
            super("the records journal " + file + " is in use by another Aiguilleur process");
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Object fileKey;
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
            throw new InUse(file);
        }
        this.lock = l;
        this.fileKey = key(file);
        long size = channel.size();
        if (size > 0) {
            // A crash mid-write leaves a torn last line: end it so the next line stands alone.
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            if (last.get(0) != '\n') {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
                channel.force(false);
            }
            try (BufferedReader in = reader()) {
                events = in.lines().filter(s -> !s.isBlank()).count();
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

    /**
     * Whether {@link #file()} still names the open file. False once it was deleted, or its folder
     * removed or replaced: appends would then go to a file no one will find after a crash.
     */
    boolean intact() {
        try {
            Object now = key(file);
            return fileKey == null || fileKey.equals(now);
        } catch (IOException e) {
            return false;
        }
    }

    private static Object key(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    /** The whole file from its start, through the open channel, which stays open when the reader closes. */
    private BufferedReader reader() throws IOException {
        channel.position(0);
        var in = new FilterInputStream(Channels.newInputStream(channel)) {
            @Override
            public void close() {
                // the channel belongs to the journal
            }
        };
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
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
        try (BufferedReader in = reader()) {
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
