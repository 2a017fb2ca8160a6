package org.rbmflow.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.InvocationTargetException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Vector API self-check: it covers every class that calls the API, passes on the project's JDK, and tells a
 * JDK whose API differs (a linkage error) from a kernel that computes something else or throws.
 */
class VectorSelfCheckTest {
  /** How a failed self-check is told: linkage (the API differs), a wrong result, anything else a kernel throws. */
  @Test
  void selfCheckFailuresAreClassified() {
    assertTrue(VectorSelfCheck.describe("x.C", new ExceptionInInitializerError(new NoClassDefFoundError(
        "jdk/incubator/vector/VectorMask"))).startsWith("its API differs"));
    assertTrue(VectorSelfCheck.describe("x.C", new InvocationTargetException(
        new AbstractMethodError("m"))).startsWith("its API differs"));
    assertEquals("a kernel failed its self-check (C threw IllegalStateException: boom)",
        VectorSelfCheck.describe("x.C", new IllegalStateException("boom")));
    assertTrue(VectorSelfCheck.describe("x.Missing", new ClassNotFoundException("x.Missing"))
        .startsWith("the self-check x.Missing cannot be run"));
  }

  /** Every class of rbmflow that calls the Vector API is exercised by one of the self-checks, and each check passes. */
  @Test
  void selfChecksCoverEveryVectorApiClassAndPassHere() throws Exception {
    JavaClasses main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.rbmflow");
    Set<String> users = new TreeSet<>();
    for (JavaClass c : main) {
      boolean uses = c.getDirectDependenciesFromSelf().stream()
          .anyMatch(d -> d.getTargetClass().getPackageName().equals(VectorSupport.MODULE));
      if (uses) {
        users.add(c.getName().replaceFirst("\\$.*", ""));
      }
    }
    Set<String> covered = new TreeSet<>();
    VectorSelfCheck.CHECKS.values().forEach(covered::addAll);
    assertEquals(users, covered, "classes that call " + VectorSupport.MODULE + " vs those the self-checks run");
    for (String name : VectorSelfCheck.CHECKS.keySet()) {
      VectorKernelCheck check = (VectorKernelCheck) Class.forName(name).getConstructor().newInstance();
      assertNull(check.run(), name);
    }
    assertNull(VectorSelfCheck.run());
  }
}
