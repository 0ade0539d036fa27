package dev.tideline.analyzer.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a small input file given by name (a configuration, a plan) as UTF-8 text: only a regular file, and only
 * up to a limit. A device ({@code /dev/zero}) would exhaust memory and a FIFO would block forever.
 */
public final class SmallFile {
    /** Why a file was not read; callers say what they expected. */
    public enum Problem { NOT_A_REGULAR_FILE, TOO_LARGE, NOT_UTF8, UNREADABLE }

    public static final class RefusedException extends Exception {
        private final Problem problem;

        RefusedException(Problem problem, String detail, Throwable cause) {
            super(detail, cause);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private SmallFile() {}

    public static String read(Path file, int maxBytes) throws RefusedException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new RefusedException(Problem.NOT_A_REGULAR_FILE, "not a regular file", null);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) throw new RefusedException(Problem.TOO_LARGE, "over " + maxBytes / 1024 + " KB", null);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RefusedException(Problem.NOT_UTF8, "not UTF-8 text", e);
        } catch (IOException e) {
            throw new RefusedException(Problem.UNREADABLE, String.valueOf(e.getMessage()), e);
        }
    }
}
