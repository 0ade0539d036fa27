package dev.tideline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Flyway's own configuration in the directory Flyway runs from: {@code flyway.toml} ({@code [flyway]} locations and
 * placeholders) or {@code flyway.conf} ({@code flyway.locations}, {@code flyway.placeholders.NAME}). Its placeholders
 * are the values the migrations run with, so tideline reads the SQL with them too; its locations are where a build
 * finds the migrations when none are named.
 *
 * @param locations    as written, e.g. {@code filesystem:sql}, {@code classpath:db/migration}
 * @param placeholders name to value
 */
public record FlywayConfig(Path file, List<String> locations, Map<String, String> placeholders) {
    /** The configuration in {@code dir}, if Flyway would find one there. */
    public static Optional<FlywayConfig> find(Path dir) {
        Path toml = dir.resolve("flyway.toml");
        if (Files.isRegularFile(toml)) return Optional.of(toml(toml));
        Path conf = dir.resolve("flyway.conf");
        if (Files.isRegularFile(conf)) return Optional.of(conf(conf));
        return Optional.empty();
    }

    private static FlywayConfig toml(Path file) {
        try {
            JsonNode flyway = new TomlMapper().readTree(file.toFile()).path("flyway");
            List<String> locations = new ArrayList<>();
            JsonNode l = flyway.path("locations");
            if (l.isArray()) l.forEach(v -> locations.add(v.asText()));
            else if (l.isTextual()) locations.addAll(split(l.asText()));
            Map<String, String> placeholders = new LinkedHashMap<>();
            flyway.path("placeholders").fields().forEachRemaining(e -> placeholders.put(e.getKey(), e.getValue().asText()));
            return new FlywayConfig(file, List.copyOf(locations), placeholders);
        } catch (IOException | RuntimeException e) {
            throw new TidelineException(file + ": cannot read Flyway's configuration: " + e.getMessage(), e);
        }
    }

    private static FlywayConfig conf(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | RuntimeException e) {
            throw new TidelineException(file + ": cannot read Flyway's configuration: " + e.getMessage(), e);
        }
        Map<String, String> placeholders = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames().stream().sorted().toList()) {
            if (key.startsWith("flyway.placeholders.")) placeholders.put(key.substring("flyway.placeholders.".length()), p.getProperty(key));
        }
        String locations = p.getProperty("flyway.locations");
        return new FlywayConfig(file, locations == null ? List.of() : split(locations), placeholders);
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        for (String s : list.split(",")) if (!s.isBlank()) out.add(s.strip());
        return out;
    }
}
