package dev.tideline.analyzer.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tideline.analyzer.source.Diagnostic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceReaderTest {
    @TempDir
    Path dir;

    private SourceReader.Source read(byte[] bytes) throws Exception {
        Path f = dir.resolve("m.sql");
        Files.write(f, bytes);
        return new SourceReader(1024).read(f);
    }

    @Test
    void binaryFileIsRefusedWithTheNulPosition() throws Exception {
        SourceReader.Source s = read("SELECT 1;\nab\0cd".getBytes(StandardCharsets.UTF_8));
        assertNull(s.text());
        Diagnostic d = s.diagnostics().get(0);
        assertEquals("binary-file", d.code());
        assertEquals(2, d.line());
        assertEquals(3, d.column());
    }

    @Test
    void invalidUtf8IsLocatedAndReplaced() throws Exception {
        byte[] bytes = {'S', 'E', 'L', 'E', 'C', 'T', ' ', 1 + '0', ';', '\n', '-', '-', ' ', (byte) 0xC3, (byte) 0x28, '\n'};
        SourceReader.Source s = read(bytes);
        assertTrue(s.text().contains("\uFFFD"));
        Diagnostic d = s.diagnostics().get(0);
        assertEquals("invalid-encoding", d.code());
        assertEquals(2, d.line());
        assertEquals(4, d.column());
    }

    @Test
    void utf16WithBomIsDecoded() throws Exception {
        byte[] body = "CREATE TABLE é (id int);".getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[body.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(body, 0, bytes, 2, body.length);
        SourceReader.Source s = read(bytes);
        assertEquals("CREATE TABLE é (id int);", s.text());
        assertTrue(s.diagnostics().isEmpty());
    }

    @Test
    void utf8BomIsStrippedAndLineEndingsNormalised() throws Exception {
        byte[] body = "SELECT 1;\r\nSELECT 2;\rSELECT 3;".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        assertEquals("SELECT 1;\nSELECT 2;\nSELECT 3;", read(bytes).text());
    }

    @Test
    void oversizedFileIsRefusedBeforeReading() throws Exception {
        SourceReader.Source s = read(new byte[2048]);
        assertNull(s.text());
        assertEquals("file-too-large", s.diagnostics().get(0).code());
    }

    @Test
    void unreadableFileIsADiagnostic() {
        SourceReader.Source s = new SourceReader(1024).read(dir);
        assertNull(s.text());
        assertEquals("unreadable", s.diagnostics().get(0).code());
        SourceReader.Source missing = new SourceReader(1024).read(dir.resolve("nope.sql"));
        assertEquals("unreadable", missing.diagnostics().get(0).code());
    }
}
