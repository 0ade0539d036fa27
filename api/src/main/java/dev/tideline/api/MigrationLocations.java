package dev.tideline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a Java project keeps its migrations when the build does not say: Spring Boot's {@code spring.flyway.locations}
 * or {@code spring.liquibase.change-log} in {@code application.properties} / {@code application.yml}, else Flyway's
 * {@code flyway.toml} / {@code flyway.conf} locations, else Flyway's and Spring Boot's default
 * {@code src/main/resources/db/migration}.
 */
public final class MigrationLocations {
    /** Flyway's default location, and Spring Boot's. */
    public static final String DEFAULT = "src/main/resources/db/migration";
    private static final String RESOURCES = "src/main/resources";

    private MigrationLocations() {}

    /**
     * The migration folders (or Liquibase change log) of the project in {@code basedir}, as existing paths.
     *
     * @throws TidelineException when the configured or default location does not exist, naming where it came from
     */
    public static List<Path> find(Path basedir) {
        Path resources = basedir.resolve(RESOURCES);
        for (String name : List.of("application.properties", "application.yml", "application.yaml")) {
            Path file = resources.resolve(name);
            if (!Files.isRegularFile(file)) continue;
            Spring spring = read(file);
            String where = basedir.relativize(file).toString().replace('\\', '/');
            if (spring.flywayLocations != null) {
                List<Path> folders = new ArrayList<>();
                for (String location : spring.flywayLocations.split(",")) {
                    if (!location.isBlank()) folders.add(existing(resolve(basedir, location.strip()), where + ": spring.flyway.locations"));
                }
                if (!folders.isEmpty()) return folders;
            }
            if (spring.liquibaseChangeLog != null) {
                return List.of(existing(resolve(basedir, spring.liquibaseChangeLog.strip()), where + ": spring.liquibase.change-log"));
            }
        }
        Optional<FlywayConfig> flyway = FlywayConfig.find(basedir);
        if (flyway.isPresent() && !flyway.get().locations().isEmpty()) {
            String where = basedir.relativize(flyway.get().file()) + ": locations";
            return flyway.get().locations().stream().map(l -> existing(resolve(basedir, l), where)).toList();
        }
        return List.of(existing(basedir.resolve(DEFAULT), "the default location"));
    }

    /** {@code classpath:db/migration} (or no prefix) is under src/main/resources; {@code filesystem:} is from the project. */
    private static Path resolve(Path basedir, String location) {
        if (location.startsWith("filesystem:")) return basedir.resolve(location.substring("filesystem:".length()));
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        while (path.startsWith("/")) path = path.substring(1);
        return basedir.resolve(RESOURCES).resolve(path);
    }

    private static Path existing(Path path, String from) {
        if (!Files.exists(path)) throw new TidelineException(path + " (from " + from + ") does not exist: name the migrations folder");
        return path;
    }

    private record Spring(String flywayLocations, String liquibaseChangeLog) {}

    private static Spring read(Path file) {
        try {
            if (file.getFileName().toString().endsWith(".properties")) {
                Properties p = new Properties();
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(in);
                }
                return new Spring(p.getProperty("spring.flyway.locations"), p.getProperty("spring.liquibase.change-log"));
            }
            Spring found = new Spring(null, null);
            // a multi-document YAML (profiles) is read document by document; the first that names a location wins
            for (JsonNode doc : new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(file.toFile()).readAll()
                    .stream().map(JsonNode.class::cast).toList()) {
                String flyway = yamlValue(doc, "spring", "flyway", "locations");
                String liquibase = yamlValue(doc, "spring", "liquibase", "change-log");
                if (found.flywayLocations == null && flyway != null) found = new Spring(flyway, found.liquibaseChangeLog);
                if (found.liquibaseChangeLog == null && liquibase != null) found = new Spring(found.flywayLocations, liquibase);
            }
            return found;
        } catch (IOException | RuntimeException e) {
            throw new TidelineException(file + ": cannot read the Spring Boot configuration: " + e.getMessage(), e);
        }
    }

    /** {@code spring: {flyway: {locations: ...}}}, {@code spring.flyway.locations: ...}, a string or a list. */
    private static String yamlValue(JsonNode doc, String... keys) {
        JsonNode node = doc;
        for (String key : keys) node = node == null ? null : node.get(key);
        if (node == null) node = doc.get(String.join(".", keys));
        if (node == null || node.isNull()) return null;
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(v -> values.add(v.asText()));
            return String.join(",", values);
        }
        return node.asText();
    }
}
