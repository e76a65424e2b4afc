package dev.kiln.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The diagnostics catalog: every code owns a whole sentence, its severity, and renders one text. */
class ProblemCodeTest {

  @ParameterizedTest
  @EnumSource(ProblemCode.class)
  void everySentenceRendersWithoutScaffolding(ProblemCode code) {
    assertTrue(code.tag().matches("kiln\\.[a-z-]+"), code.tag());
    Object[] values = code.placeholders().stream().map(name -> name.equals("elements") ? (Object) 3L : "<" + name + ">")
        .toArray();
    String sentence = code.sentence(values);
    assertFalse(sentence.contains("%s") || sentence.contains("%d") || sentence.contains("${"), sentence);
    // Every value shows up: no placeholder is parsed but dropped.
    for (Object value : values) {
      assertTrue(sentence.contains(value.toString()), () -> value + " missing in " + sentence);
    }
    // A sentence is more than its placeholders: the catalog, not the caller, words it.
    String words = sentence;
    for (Object value : values) {
      words = words.replace(value.toString(), "");
    }
    assertTrue(words.replaceAll("[^A-Za-z]", "").length() >= 12, () -> code + " is scaffolding: " + sentence);
  }

  @Test
  void onlyLegalButSuspiciousModelsAreWarnings() {
    Set<ProblemCode> warnings = Arrays.stream(ProblemCode.values()).filter(c -> c.severity() == Severity.WARNING)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(ProblemCode.class)));
    assertEquals(EnumSet.of(ProblemCode.TRUNCATION, ProblemCode.TF_TRANSPOSE, ProblemCode.UNUSED), warnings);
  }

  @Test
  void namesBindInOrderOfFirstUseAndMayRecur() {
    assertEquals(List.of("layer", "attribute", "count", "received", "example"), ProblemCode.ARRAY_LENGTH.placeholders());
    assertEquals("`c` (Conv2D): `kernelSize` takes one value for both axes or two (height, width); received 3 values "
        + "{1, 2, 3}. Write kernelSize = 3 or kernelSize = {3, 3}.",
        ProblemCode.ARRAY_LENGTH.sentence("`c` (Conv2D)", "kernelSize", 3, "{1, 2, 3}", 3));
  }

  @Test
  void formattedPlaceholderGroupsThousands() {
    assertEquals("`d` (Dense): the output would need 3,000,000,000 elements, more than a Java array holds "
        + "(2,147,483,647). Use fewer units.",
        ProblemCode.TOO_LARGE.sentence("`d` (Dense)", "the output", 3_000_000_000L, "Use fewer units."));
  }

  @Test
  void wrongNumberOfValuesIsABugNotAMessage() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProblemCode.NOT_POSITIVE.sentence("`d` (Dense)", "units"));
    assertEquals("expected 3 values [layer, attribute, value], received 2", e.getMessage());
  }

  @Test
  void layerProblemsGetTheLabelAndModelProblemsDoNot() {
    Problems problems = new Problems(1, "`d` (Dense)");
    problems.report(ProblemCode.NOT_POSITIVE, "units", -1, "units", 0);
    assertThrows(IllegalArgumentException.class, () -> problems.report(ProblemCode.UNUSED, null, -1));
    Problem problem = problems.list().get(0);
    assertEquals(Severity.ERROR, problem.severity());
    assertEquals("[kiln.not-positive] `d` (Dense): `units` must be at least 1; received 0.", problem.render());
    assertEquals(problem.render(), problem.toString());
  }

  @Test
  void runTimeTextListsEveryProblemAsJavacShowsIt() {
    Problem error = Problem.of(ProblemCode.NO_SIZE, 0, "shape", 0, "height", "image", "no rule accepts it");
    Problem warning = Problem.of(ProblemCode.UNUSED, 2, null, -1, "side");
    assertEquals("model `M` has 1 error and 1 warning:\n"
        + "  error: [kiln.size] no height of `image` is accepted: no rule accepts it\n"
        + "  warning: [kiln.unused] `side` is computed but no layer reads it and it is not an @Output; remove it, "
        + "read it with `from`, or mark it @Output.", Problems.describe("M", List.of(error, warning)));
  }
}
