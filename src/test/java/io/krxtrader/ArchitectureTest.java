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
          // the stepped simulated clock: at the bottom, every module may take it (issue 10)
          Map.entry("clock", Set.of()),
          Map.entry("krx", Set.of()),
          Map.entry("db", Set.of("clock", "config", "krx")),
          Map.entry("observer", Set.of("clock", "config", "krx", "db")),
          // market elects its scan leader through system (issue 12)
          Map.entry("market", Set.of("clock", "config", "krx", "db", "system")),
          Map.entry("system", Set.of("clock", "config", "krx", "db")),
          Map.entry(
              "trade", Set.of("clock", "config", "krx", "db", "observer", "market", "system")),
          Map.entry(
              "portfolio",
              Set.of("clock", "config", "krx", "db", "observer", "market", "system", "trade")),
          Map.entry("kis", Set.of("clock", "config", "krx", "observer", "market", "trade")),
          Map.entry("sim", Set.of("clock", "config", "krx", "observer", "kis")),
          // replay runs the trade modules' decision code over stored prices; no broker, no pages
          Map.entry(
              "replay",
              Set.of("clock", "config", "krx", "db", "observer", "market", "system", "trade")),
          // web shows what the modules expose; it never talks to the broker or the simulator
          Map.entry(
              "web",
              Set.of(
                  "clock",
                  "config",
                  "krx",
                  "db",
                  "observer",
                  "market",
                  "system",
                  "trade",
                  "portfolio")),
          // runtime wires and runs the trading modules (issue 18); cli parses arguments and calls
          // it
          Map.entry(
              "runtime",
              Set.of(
                  "clock",
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
          // the benchmarks measure the modules on databases of their own; cli parses their options
          Map.entry(
              "bench",
              Set.of(
                  "clock",
                  "config",
                  "krx",
                  "db",
                  "observer",
                  "market",
                  "system",
                  "trade",
                  "portfolio",
                  "replay")),
          Map.entry(
              "cli",
              Set.of(
                  "runtime",
                  "clock",
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
                  "web",
                  "bench",
                  "replay")));

  /**
   * Inside a module, sub-package -> the sub-packages of its own module it must not use (names
   * relative to the root; a rule on a sub-package covers its own sub-packages). The deciding trade
   * modules meet execution only in {@code trade.order_intents}, through the shared contract in
   * {@code trade}; only execution holds the broker port; the router and the re-entry engine share
   * {@code trade.risk}.
   */
  private static final Map<String, Set<String>> FORBIDDEN_INSIDE =
      Map.ofEntries(
          Map.entry("observer.jsonl", Set.of("observer", "observer.live")),
          Map.entry(
              "trade",
              Set.of(
                  "trade.exit", "trade.reentry", "trade.router", "trade.execution", "trade.risk")),
          Map.entry(
              "trade.exit",
              Set.of("trade.reentry", "trade.router", "trade.execution", "trade.risk")),
          Map.entry("trade.reentry", Set.of("trade.exit", "trade.router", "trade.execution")),
          Map.entry("trade.router", Set.of("trade.exit", "trade.reentry", "trade.execution")),
          Map.entry(
              "trade.risk",
              Set.of("trade.exit", "trade.reentry", "trade.router", "trade.execution")),
          Map.entry(
              "trade.execution",
              Set.of("trade.exit", "trade.reentry", "trade.router", "trade.risk")));

  /** Which of another module's sub-packages a module may use: kis implements execution's port. */
  private static final Map<String, Set<String>> REACHABLE_OUTSIDE =
      Map.of("kis", Set.of("trade", "trade.execution"));

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

  /** The package below the root, e.g. {@code trade.exit}; the root itself is "". */
  private static String relative(JavaClass type) {
    String name = type.getPackageName();
    return name.equals(ROOT) ? "" : name.substring(ROOT.length() + 1);
  }

  /** The most specific rule key that {@code pkg} falls under, if any. */
  private static String ruleFor(String pkg, Set<String> keys) {
    String best = null;
    for (String key : keys) {
      if ((pkg.equals(key) || pkg.startsWith(key + "."))
          && (best == null || key.length() > best.length())) {
        best = key;
      }
    }
    return best;
  }

  private static boolean within(String pkg, String prefix) {
    return pkg.equals(prefix) || pkg.startsWith(prefix + ".");
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

  @Test
  void sub_packages_keep_to_their_rooms() {
    List<String> violations = new ArrayList<>();
    for (JavaClass type : CLASSES) {
      String from = relative(type);
      type.getDirectDependenciesFromSelf()
          .forEach(
              dependency -> {
                JavaClass target = dependency.getTargetClass();
                if (!target.getPackageName().startsWith(ROOT + ".")) {
                  return;
                }
                String to = relative(target);
                String inside = ruleFor(from, FORBIDDEN_INSIDE.keySet());
                if (inside != null && !to.equals(from) && !within(to, from)) {
                  for (String forbidden : FORBIDDEN_INSIDE.get(inside)) {
                    // a package's own root is forbidden only as itself, not as its sub-packages
                    boolean hit =
                        forbidden.equals(module(type))
                            ? to.equals(forbidden)
                            : within(to, forbidden);
                    if (hit) {
                      violations.add(from + " -> " + to + ": " + dependency.getDescription());
                    }
                  }
                }
                Set<String> reachable = REACHABLE_OUTSIDE.get(module(type));
                String toModule = module(target);
                if (reachable != null
                    && ALLOWED.get(module(type)).contains(toModule)
                    && reachable.stream().anyMatch(r -> module(r).equals(toModule))
                    && !reachable.contains(to)) {
                  violations.add(from + " -> " + to + ": " + dependency.getDescription());
                }
              });
    }
    assertThat(violations).isEmpty();
  }

  private static String module(String relative) {
    int dot = relative.indexOf('.');
    return dot < 0 ? relative : relative.substring(0, dot);
  }

  @Test
  void the_rules_name_only_places_of_the_layering() {
    for (String key : FORBIDDEN_INSIDE.keySet()) {
      assertThat(ALLOWED).as(key).containsKey(module(key));
      FORBIDDEN_INSIDE.get(key).forEach(p -> assertThat(module(p)).as(p).isEqualTo(module(key)));
    }
  }
}
