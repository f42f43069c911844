package io.krxtrader;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (STYLE.md): config and krx at the bottom, then db, then the modules
 * that own schemas, then trade, portfolio, and the command line and web on top. kis implements the
 * ports that observer, market and trade declare; sim speaks the KIS wire format through kis.
 */
class ArchitectureTest {

  private static final String ROOT = "io.krxtrader";

  /** Package -> the krx-trader packages it may use (itself and the root package always). */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("config", Set.of()),
          Map.entry("krx", Set.of()),
          Map.entry("db", Set.of("config", "krx")),
          Map.entry("observer", Set.of("config", "krx", "db")),
          // market elects its scan leader through system (issue 12)
          Map.entry("market", Set.of("config", "krx", "db", "system")),
          Map.entry("system", Set.of("config", "krx", "db")),
          Map.entry("trade", Set.of("config", "krx", "db", "observer", "market", "system")),
          Map.entry(
              "portfolio", Set.of("config", "krx", "db", "observer", "market", "system", "trade")),
          Map.entry("kis", Set.of("config", "krx", "observer", "market", "trade")),
          Map.entry("sim", Set.of("config", "krx", "observer", "kis")),
          Map.entry(
              "web",
              Set.of(
                  "config",
                  "krx",
                  "db",
                  "observer",
                  "market",
                  "system",
                  "trade",
                  "portfolio",
                  "kis",
                  "sim")),
          Map.entry(
              "cli",
              Set.of(
                  "config",
                  "krx",
                  "db",
                  "observer",
                  "market",
                  "system",
                  "trade",
                  "portfolio",
                  "kis",
                  "sim",
                  "web")));

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  private static String module(JavaClass type) {
    String name = type.getPackageName();
    if (name.equals(ROOT)) {
      return "";
    }
    String rest = name.substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  @Test
  void every_package_has_a_declared_place_in_the_layering() {
    Set<String> modules = new TreeSet<>();
    CLASSES.forEach(c -> modules.add(module(c)));
    modules.remove("");
    assertThat(modules).isNotEmpty();
    assertThat(ALLOWED.keySet()).containsAll(modules);
  }

  @Test
  void dependencies_point_one_way() {
    List<String> violations = new ArrayList<>();
    for (JavaClass type : CLASSES) {
      String from = module(type);
      if (from.isEmpty()) {
        continue;
      }
      type.getDirectDependenciesFromSelf()
          .forEach(
              dependency -> {
                JavaClass target = dependency.getTargetClass();
                if (!target.getPackageName().startsWith(ROOT)) {
                  return;
                }
                String to = module(target);
                if (!to.isEmpty() && !to.equals(from) && !ALLOWED.get(from).contains(to)) {
                  violations.add(from + " -> " + to + ": " + dependency.getDescription());
                }
              });
    }
    assertThat(violations).isEmpty();
  }
}
