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
 * not compile cleanly. The long run is {@link FuzzRun}.
 */
class FuzzTest {

  @Test
  void generatedModelsKeepThePromise() throws IOException {
    List<FuzzDriver.Result> results = FuzzRun.run(20261201, 150, 120, Path.of("target/fuzz-failures"), false);
    String failures = results.stream().filter(r -> !r.outcomes().isEmpty())
        .map(r -> r.fuzzCase().className() + " (" + r.fuzzCase().kind() + "): " + r.outcomes() + " "
            + r.diagnostics())
        .collect(Collectors.joining("\n"));
    assertThat(failures).isEmpty();
    assertThat(results).hasSize(150);
  }
}
