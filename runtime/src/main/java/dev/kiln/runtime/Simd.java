package dev.kiln.runtime;

import java.lang.System.Logger.Level;

/**
 * Chooses the {@link Gemm} once per JVM: {@code VectorGemm} when {@code jdk.incubator.vector} is in
 * the boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector}), otherwise
 * {@link ScalarGemm}. The choice is logged once, with how to enable the fast path. The system
 * property {@code kiln.vector=false} forces the scalar path (tests compare the two).
 */
final class Simd {
  private Simd() {}

  private static final System.Logger LOG = System.getLogger("dev.kiln.runtime");
  private static final Gemm BEST = choose();
  private static final Gemm SCALAR = BEST instanceof ScalarGemm ? BEST : new ScalarGemm();
  private static final Depthwise DEPTHWISE = matching(Depthwise.class, "VectorDepthwise", new ScalarDepthwise(),
      "depthwise kernel");
  private static final Lines LINES = matching(Lines.class, "VectorLines", new Lines(), "pooling loops");

  /** The fastest GEMM this JVM can run. */
  static Gemm best() {
    return BEST;
  }

  /** The plain-Java GEMM, for comparisons. */
  static Gemm scalar() {
    return SCALAR;
  }

  /** The depthwise loops matching {@link #best}: vector ones exactly when the GEMM is. */
  static Depthwise depthwise() {
    return DEPTHWISE;
  }

  /**
   * The Vector API implementation {@code vectorClass} of {@code type} exactly when {@link #best} is
   * vector code, otherwise {@code plain}; a vector class that fails to load is logged once and
   * replaced by {@code plain}.
   */
  private static <T> T matching(Class<T> type, String vectorClass, T plain, String what) {
    if (BEST instanceof ScalarGemm) {
      return plain;
    }
    try {
      return type.cast(Class.forName("dev.kiln.runtime." + vectorClass).getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.log(Level.WARNING, "Kiln runtime: the vector " + what + " failed to load (" + e + "); using the plain "
          + "ones.");
      return plain;
    }
  }

  /** The element-wise loops matching {@link #best}. */
  static Lines lines() {
    return LINES;
  }

  static boolean vectorAvailable() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  private static Gemm choose() {
    if (!Boolean.parseBoolean(System.getProperty("kiln.vector", "true"))) {
      LOG.log(Level.INFO, "Kiln runtime: scalar kernels (kiln.vector=false)");
      return new ScalarGemm();
    }
    if (!vectorAvailable()) {
      LOG.log(Level.INFO, "Kiln runtime: scalar kernels. For several times the speed, start the JVM with "
          + "--add-modules jdk.incubator.vector (the JDK Vector API).");
      return new ScalarGemm();
    }
    try {
      Gemm gemm = (Gemm) Class.forName("dev.kiln.runtime.VectorGemm").getDeclaredConstructor().newInstance();
      LOG.log(Level.INFO, "Kiln runtime: JDK Vector API kernels (jdk.incubator.vector)");
      return gemm;
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.log(Level.WARNING, "Kiln runtime: jdk.incubator.vector is present but the vector kernels failed to "
          + "load (" + e + "); using scalar kernels.");
      return new ScalarGemm();
    }
  }
}
