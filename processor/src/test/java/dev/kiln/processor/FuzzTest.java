package dev.kiln.processor;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The fuzz run's short, fixed-seed version for every build: a few hundred generated models, valid
 * and hostile, none of which may crash javac, hang, end in an internal error, give a diagnostic
 * without a position, off the faulty field, twice or in a cascade, or generate a class that does
 * not compile cleanly. {@code -Dkiln.fuzz.models=10000 -Dkiln.fuzz.seed=13} makes it the long run
 * (README, "Robustness and fuzzing"); {@link FuzzRun} is the same as a program.
 */
class FuzzTest {

  @Test
  void generatedModelsKeepThePromise() throws IOException {
    int models = Integer.getInteger("kiln.fuzz.models", 150);
    long seed = Long.getLong("kiln.fuzz.seed", 20261201);
    List<FuzzDriver.Result> results = FuzzRun.run(seed, models, 300, Path.of("target/fuzz-failures"), models > 500);
    System.out.println(FuzzRun.report(results));
    String failures = results.stream().filter(r -> !r.outcomes().isEmpty())
        .map(r -> r.fuzzCase().className() + " (" + r.fuzzCase().kind() + "): " + r.outcomes() + " "
            + r.diagnostics())
        .collect(Collectors.joining("\n"));
    assertThat(failures).isEmpty();
    assertThat(results).hasSize(models);
  }
}
