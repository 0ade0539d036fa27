package dev.tideline.maven;

import dev.tideline.analyzer.source.Diagnostic;
import dev.tideline.api.PlanRequest;
import dev.tideline.api.Planned;
import dev.tideline.api.Tideline;
import dev.tideline.api.plan.PlanOutput;
import dev.tideline.rules.plan.PlanLayout;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code tideline:plan}: plans the risky changes of the project's migrations as {@code tideline plan --out} does:
 * numbered releases as migration files in the runner's layout, plus PLAN.md, in {@code outputDirectory}.
 */
@Mojo(name = "plan", threadSafe = true)
public final class PlanMojo extends TidelineMojo {
    /** Where the plan's files go; replaced on every run. */
    @Parameter(property = "tideline.planDirectory", defaultValue = "${project.build.directory}/tideline-plan")
    File outputDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("tideline: skipped");
            return;
        }
        guard(() -> {
            Planned planned = Tideline.plan(PlanRequest.of(request(true)));
            for (Diagnostic d : planned.linted().problems()) {
                String line = d.file() + (d.line() > 0 ? ":" + d.line() : "") + ": " + d.message();
                if (d.severity() == Diagnostic.Severity.ERROR) getLog().error(line);
                else getLog().warn(line);
            }
            if (planned.linted().hasInputErrors()) {
                throw new MojoFailureException("tideline: some migrations could not be read (see the errors above)");
            }
            Path dir = outputDirectory.toPath();
            try {
                clear(dir);
                List<Path> written = PlanOutput.write(planned.plan(), planned.runner(), planned.start(), dir, planned.runningText());
                getLog().info("tideline: " + planned.plan().releases().size() + " release(s); wrote " + written.size()
                        + " file(s) to " + dir);
            } catch (IOException | PlanLayout.VersionOutOfRange e) {
                throw new MojoExecutionException("tideline: cannot write the plan to " + dir + ": " + e.getMessage(), e);
            }
            return null;
        });
    }

    /** PlanOutput writes into a new or empty folder: the previous run's plan goes first. */
    private static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                if (!p.equals(dir)) Files.delete(p);
            }
        }
    }
}
