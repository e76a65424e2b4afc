package dev.kiln.importer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code kiln-import} command: reads a model file and writes its {@code @Model} Java source.
 *
 * <pre>
 * java -jar importer/target/kiln-import.jar MODEL_FILE [--package NAME] [--class NAME] [--out DIR]
 * </pre>
 *
 * The source goes to {@code DIR/<package path>/<class>.java} (default {@code DIR} is {@code .});
 * the class name defaults to the file's name in UpperCamelCase. Exit status 0 on success, 1 when
 * the model cannot be imported (every reason printed), 2 on a usage error.
 */
public final class KilnImport {
  private KilnImport() {}

  /** Every format the command reads, tried in order. */
  static List<Importer> importers() {
    return List.of(new dev.kiln.importer.onnx.OnnxImporter(), new dev.kiln.importer.keras.KerasImporter());
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Path file = null;
    String packageName = "";
    String className = null;
    Path outDir = Path.of(".");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      boolean hasValue = i + 1 < args.length;
      switch (arg) {
        case "--package" -> { if (!hasValue) return usage(err, "--package needs a name"); packageName = args[++i]; }
        case "--class" -> { if (!hasValue) return usage(err, "--class needs a name"); className = args[++i]; }
        case "--out" -> { if (!hasValue) return usage(err, "--out needs a folder"); outDir = Path.of(args[++i]); }
        default -> {
          if (arg.startsWith("-") || file != null) {
            return usage(err, "unexpected argument `" + arg + "`");
          }
          file = Path.of(arg);
        }
      }
    }
    if (file == null) {
      return usage(err, "no model file given");
    }
    if (className == null) {
      className = className(file);
    }
    Importer importer = null;
    for (Importer candidate : importers()) {
      if (candidate.accepts(file)) {
        importer = candidate;
        break;
      }
    }
    if (importer == null) {
      return usage(err, "no importer reads `" + file.getFileName() + "`");
    }
    try {
      ImportedModel model = importer.read(file, packageName, className);
      String source = ModelSourceWriter.write(model);
      Path dir = packageName.isEmpty() ? outDir : outDir.resolve(packageName.replace('.', '/'));
      Files.createDirectories(dir);
      Path target = dir.resolve(className + ".java");
      Files.writeString(target, source, StandardCharsets.UTF_8);
      out.println("wrote " + target + " (" + model.layers().size() + " fields)");
      return 0;
    } catch (ImportException e) {
      err.println("kiln-import: " + file + ": " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("kiln-import: " + file + ": " + e);
      return 1;
    }
  }

  /** {@code mobilenet_v2.onnx} → {@code MobilenetV2}. */
  static String className(Path file) {
    String name = file.getFileName().toString();
    int dot = name.indexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (char c : stem.toCharArray()) {
      if (Character.isLetterOrDigit(c) && c < 128) {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    if (out.length() == 0 || !Character.isLetter(out.charAt(0))) {
      out.insert(0, "Model");
    }
    return out.toString();
  }

  private static int usage(PrintStream err, String problem) {
    List<String> formats = new ArrayList<>();
    for (Importer importer : importers()) {
      formats.add(importer.format());
    }
    err.println("kiln-import: " + problem);
    err.println("usage: kiln-import MODEL_FILE [--package NAME] [--class NAME] [--out DIR]");
    err.println("reads: " + (formats.isEmpty() ? "(no formats)" : String.join(", ", formats)));
    return 2;
  }
}
