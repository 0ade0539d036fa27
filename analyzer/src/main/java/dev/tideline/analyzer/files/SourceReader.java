package dev.tideline.analyzer.files;

import dev.tideline.analyzer.source.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a migration file into text without ever throwing: UTF-8 (BOM stripped) or UTF-16 with a BOM; CRLF and lone CR
 * become LF so line numbers match what editors show. Binary content, files over the size limit and unreadable files
 * give a located diagnostic and no text; invalid UTF-8 gives a located diagnostic and text with U+FFFD in its place.
 */
public final class SourceReader {
    /** Migration files above this are refused before reading (no risk of running out of memory). */
    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;

    /** {@code text} is null when the file could not be turned into text at all. */
    public record Source(Path file, String text, List<Diagnostic> diagnostics) {}

    private final long maxBytes;

    public SourceReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Input with no file of its own (standard input), read, bounded and decoded like a file: nothing past the size
     * limit is read.
     */
    public Source read(Path name, InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        } catch (IOException e) {
            return refused(name, "unreadable", "cannot read: " + e.getMessage());
        }
        if (bytes.length > maxBytes) {
            return refused(name, "file-too-large", "standard input is over the " + maxBytes / 1048576 + " MB limit: not analysed");
        }
        return decode(name, bytes);
    }

    /** One open, one fstat and the reads: a lint reads thousands of files, and each system call counts. */
    public Source read(Path file) {
        byte[] bytes;
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            long size = in.size();
            if (size > maxBytes && Files.isDirectory(file)) return notAFile(file);
            if (size > maxBytes) {
                return refused(file, "file-too-large", String.format("file is %.1f MB, over the %d MB limit: not analysed",
                        size / 1048576.0, maxBytes / 1048576));
            }
            bytes = readFully(in, (int) size);
        } catch (NoSuchFileException e) {
            return refused(file, "unreadable", "file not found");
        } catch (AccessDeniedException e) {
            return refused(file, "unreadable", "permission denied");
        } catch (IOException | SecurityException e) {
            if (Files.isDirectory(file)) return notAFile(file);
            return refused(file, "unreadable", "cannot read file: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            return refused(file, "file-too-large", "file too large to read into memory: not analysed");
        }
        return decode(file, bytes);
    }

    /** The channel's bytes: {@code expected} of them, or fewer or more when the file changes while read. */
    private byte[] readFully(SeekableByteChannel in, int expected) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(expected + 1, 1));
        while (in.read(buffer) > 0) {
            if (buffer.hasRemaining()) continue;
            if (buffer.capacity() > maxBytes) throw new OutOfMemoryError("file grew over the size limit while read");
            buffer = ByteBuffer.allocate(buffer.capacity() * 2).put(buffer.flip());
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    public static Source decode(Path file, byte[] bytes) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        String text;
        if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
            boolean little = bytes[0] == (byte) 0xFF;
            text = decodeStrict(file, bytes, 2, little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE, diagnostics);
        } else {
            int nul = indexOf(bytes, (byte) 0);
            if (nul >= 0) {
                int[] pos = position(bytes, nul);
                diagnostics.add(new Diagnostic(file, pos[0], pos[1], Diagnostic.Severity.ERROR, "binary-file",
                        "binary content (NUL byte at line " + pos[0] + ", column " + pos[1] + "): not a SQL text file, not analysed"));
                return new Source(file, null, diagnostics);
            }
            int skip = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
            text = decodeStrict(file, bytes, skip, StandardCharsets.UTF_8, diagnostics);
        }
        if (text.indexOf('\r') >= 0) text = text.replace("\r\n", "\n").replace('\r', '\n');
        return new Source(file, text, diagnostics);
    }

    private static String decodeStrict(Path file, byte[] bytes, int offset, java.nio.charset.Charset cs, List<Diagnostic> out) {
        CharsetDecoder strict = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        try {
            return strict.decode(in).toString();
        } catch (CharacterCodingException e) {
            int bad = firstBadByte(bytes, offset, cs);
            int[] pos = position(bytes, bad);
            out.add(new Diagnostic(file, pos[0], pos[1], Diagnostic.Severity.ERROR, "invalid-encoding",
                    "invalid " + cs.name() + " at line " + pos[0] + ", column " + pos[1]
                            + " (byte offset " + bad + "): undecodable bytes replaced with U+FFFD"));
            return new String(bytes, offset, bytes.length - offset, cs);
        }
    }

    private static int firstBadByte(byte[] bytes, int offset, java.nio.charset.Charset cs) {
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = d.decode(in, out, true);
            if (r.isError()) return in.position();
            if (r.isUnderflow()) return bytes.length;
            out.clear();
        }
    }

    /** 1-based line and column (in characters of a UTF-8 line, approximated by counting non-continuation bytes). */
    private static int[] position(byte[] bytes, int offset) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                col = 1;
            } else if ((bytes[i] & 0xC0) != 0x80) {
                col++;
            }
        }
        return new int[] {line, col};
    }

    /**
     * A folder named like a migration: opening one succeeds, so it shows only as an odd size or a failed read, where
     * one stat tells (none is spent on the files that read fine).
     */
    private static Source notAFile(Path file) {
        return refused(file, "unreadable", "is a directory, not a file");
    }

    private static Source refused(Path file, String code, String message) {
        return new Source(file, null, List.of(new Diagnostic(file, 0, 0, Diagnostic.Severity.ERROR, code, message)));
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xFF) != prefix[i]) return false;
        return true;
    }

    private static int indexOf(byte[] b, byte v) {
        for (int i = 0; i < b.length; i++) if (b[i] == v) return i;
        return -1;
    }
}
