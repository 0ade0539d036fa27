package dev.tideline.maven;

import dev.tideline.api.LintRequest;
import dev.tideline.api.MigrationLocations;
import dev.tideline.api.RunnerNames;
import dev.tideline.api.TidelineException;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What both goals read, named as on the command line and in tideline.yaml. */
abstract class TidelineMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    File buildDirectory;

    /**
     * Migration folders or files. Default: Spring Boot's {@code spring.flyway.locations} or
     * {@code spring.liquibase.change-log} in src/main/resources/application.properties or .yml, else
     * src/main/resources/db/migration.
     */
    @Parameter(property = "tideline.migrations")
    List<File> migrations;

    /** flyway, liquibase, golang-migrate, prisma, diesel, sqlx, goose, psql, plain (default: tideline.yaml's, else detected). */
    @Parameter(property = "tideline.runner")
    String runner;

    /** The server the migrations run on, {@code dialect[:version]}: postgres:16, mysql:8.0.36, mariadb:10.11. */
    @Parameter(property = "tideline.target")
    String target;

    /** tideline.yaml to use (default: tideline.yaml in the project's directory or a parent). */
    @Parameter(property = "tideline.config")
    File configFile;

    /** Report only on migrations added or changed since this git ref (its merge base with HEAD), e.g. origin/main. */
    @Parameter(property = "tideline.changedSince")
    String changedSince;

    /** Skip tideline. */
    @Parameter(property = "tideline.skip", defaultValue = "false")
    boolean skip;

    /** The request the composition root runs, everything not given here from the configuration file. */
    LintRequest request(boolean keepFiles) throws MojoExecutionException {
        Path base = basedir.toPath();
        List<Path> paths;
        try {
            paths = migrations == null || migrations.isEmpty() ? MigrationLocations.find(base)
                    : migrations.stream().map(File::toPath).toList();
        } catch (TidelineException e) {
            throw new MojoExecutionException("tideline: " + e.getMessage(), e);
        }
        LintRequest request = new LintRequest(base, paths.stream().map(Path::toString).toList(),
                configFile == null ? null : configFile.toPath(), null, target, null, null, changedSince, null, keepFiles);
        if (runner != null) {
            try {
                request = request.withRunner(RunnerNames.parse(runner));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("tideline: <runner>: " + e.getMessage(), e);
            }
        }
        return request;
    }

    /** A problem the user can fix fails the build with its message alone. */
    static <T> T guard(Step<T> step) throws MojoExecutionException, MojoFailureException {
        try {
            return step.run();
        } catch (TidelineException e) {
            throw new MojoExecutionException("tideline: " + e.getMessage(), e);
        }
    }

    interface Step<T> {
        T run() throws MojoExecutionException, MojoFailureException;
    }
}
