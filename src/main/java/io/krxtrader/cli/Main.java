package io.krxtrader.cli;

import ch.qos.logback.classic.Level;
import io.krxtrader.config.ConfigException;
import io.krxtrader.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code krx-trader}: the one executable. Global options may come before or after the subcommand.
 *
 * <p>Exit codes: 0 success, 1 the work failed (or a check found problems), 2 bad usage or bad
 * configuration. Errors are one line on stderr; {@code --verbose} adds the stack trace.
 */
@Command(
    name = "krx-trader",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    sortOptions = false,
    description = {
      "Automated trading for KRX equities through the KIS Open API,",
      "with PostgreSQL as the single source of truth.",
      "",
      "With no configuration it runs an embedded PostgreSQL under ~/.krx-trader",
      "and the built-in KIS simulator."
    },
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      StatusCommand.class,
      HaltCommand.class,
      ResumeCommand.class,
      DbCommand.class,
      IngestCommand.class,
      BackfillCommand.class,
      AggregateCommand.class,
      BarsCommand.class,
      TicksCommand.class,
      MinuteBarsCommand.class,
      GapsCommand.class,
      CoverageCommand.class,
      ValidateCommand.class,
      ObserverCommand.class,
      PricesCommand.class,
      PortfolioCommand.class,
      PicksCommand.class,
      DecisionsCommand.class,
      BenchCommand.class,
      SimCommand.class,
      ExitCommand.class,
      OrdersCommand.class,
      PositionsCommand.class,
      ReconcileCommand.class,
      ReplayCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_USAGE = 2;

  @Option(
      names = "--config",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "Config file (default: $KRX_CONFIG, else krx-trader.properties in the home directory).")
  Path configFile;

  @Option(
      names = "--home",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "krx-trader's home directory (default: ~/.krx-trader). Key: home.")
  Path home;

  @Option(
      names = "--data-dir",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description =
          "Embedded PostgreSQL data directory (default: <home>/postgres). Key: db.data-dir.")
  Path dataDirectory;

  @Option(
      names = "--db-url",
      scope = ScopeType.INHERIT,
      paramLabel = "JDBC_URL",
      description =
          "Use this PostgreSQL server instead of the embedded one, e.g."
              + " jdbc:postgresql://localhost:5432/krx. Key: db.url.")
  String databaseUrl;

  @Option(
      names = "--set",
      scope = ScopeType.INHERIT,
      paramLabel = "KEY=VALUE",
      description = "Set any configuration key (repeatable); wins over the file and environment.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Show debug logs and the stack trace of an error.")
  boolean verbose;

  private final Map<String, String> environment;
  private final InstantSource clock;
  private AppContext context;

  Main(Map<String, String> environment, InstantSource clock) {
    this.environment = environment;
    this.clock = clock;
  }

  public static void main(String[] args) {
    Main main = new Main(System.getenv(), InstantSource.system());
    Runtime.getRuntime().addShutdownHook(new Thread(main::closeContext, "krx-trader-shutdown"));
    System.exit(main.commandLine().execute(args));
  }

  /** The configured command line; {@link CommandLine#execute} runs a command and closes up. */
  CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(this);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.registerConverter(Duration.class, Main::duration);
    commandLine.setUsageHelpAutoWidth(true);
    commandLine.setParameterExceptionHandler(this::onBadUsage);
    commandLine.setExecutionExceptionHandler(this::onFailure);
    commandLine.setExecutionStrategy(this::executeAndClose);
    return commandLine;
  }

  @Spec CommandSpec spec;

  /** Without a subcommand: the usage, which lists them. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  synchronized AppContext context() {
    if (context == null) {
      context = new AppContext(settings(), clock);
    }
    return context;
  }

  /**
   * Sets {@code key} as {@code --set} would, unless a flag, the environment or the config file
   * already gives it a value: a command's own default for a key that beats the code's. Call before
   * {@link #context()}.
   */
  void defaultTo(String key, String value) {
    if (settings().optionalString(key).isEmpty()) {
      overrides.put(key, value);
    }
  }

  private Settings settings() {
    return settings(overrides);
  }

  /**
   * The settings as they would be without the {@code --set} flags whose key starts with {@code
   * prefix}: the base of a what-if that changes only those ({@code replay --set exit.…}).
   */
  Settings settingsWithoutFlags(String prefix) {
    Map<String, String> kept = new LinkedHashMap<>(overrides);
    kept.keySet().removeIf(key -> key.startsWith(prefix));
    return settings(kept);
  }

  private Settings settings(Map<String, String> overrides) {
    Map<String, String> flags = new LinkedHashMap<>(overrides);
    if (home != null) {
      flags.put(AppConfig.HOME, home.toString());
    }
    if (dataDirectory != null) {
      flags.put("db.data-dir", dataDirectory.toString());
    }
    if (databaseUrl != null) {
      flags.put("db.url", databaseUrl);
    }
    Optional<Path> explicit =
        Optional.ofNullable(configFile)
            .or(() -> Optional.ofNullable(environment.get("KRX_CONFIG")).map(Path::of));
    Path homeDirectory =
        Optional.ofNullable(home)
            .or(() -> Optional.ofNullable(environment.get("KRX_HOME")).map(Path::of))
            .orElseGet(AppConfig::defaultHome);
    Path file = explicit.orElse(homeDirectory.resolve("krx-trader.properties"));
    return Settings.load(
        Optional.of(file), explicit.isPresent(), new HashMap<>(environment), flags);
  }

  private int executeAndClose(CommandLine.ParseResult parseResult) {
    if (verbose) {
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.krxtrader"))
          .setLevel(Level.DEBUG);
    }
    try {
      return new CommandLine.RunLast().execute(parseResult);
    } finally {
      closeContext();
    }
  }

  private synchronized void closeContext() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  private int onBadUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(
        "krx-trader: "
            + e.getMessage()
            + " (see '"
            + command.getCommandSpec().qualifiedName()
            + " --help')");
    err.flush();
    return EXIT_USAGE;
  }

  private int onFailure(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
    PrintWriter err = command.getErr();
    err.println("krx-trader: " + oneLine(e));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return e instanceof ConfigException ? EXIT_USAGE : EXIT_FAILURE;
  }

  /** A duration option's value, written as in the configuration (5s, 2m, PT5S). */
  private static Duration duration(String text) {
    try {
      return Settings.parseDuration(text.strip());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(
          "expected a duration such as 500ms, 5s, 2m, 1h or PT5S but was '" + text + "'");
    }
  }

  /** The message of an exception and its causes, as one line, without repeating itself. */
  static String oneLine(Throwable e) {
    StringBuilder line = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      message = message.replaceAll("\\s+", " ").strip();
      if (line.indexOf(message) >= 0) {
        continue;
      }
      if (!line.isEmpty()) {
        line.append(": ");
      }
      line.append(message);
    }
    return line.toString();
  }

  /** Reads the version Maven wrote into {@code version.properties}. */
  static final class Version implements IVersionProvider {

    static String current() {
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        Properties properties = new Properties();
        if (in != null) {
          properties.load(in);
        }
        return properties.getProperty("version", "unknown");
      } catch (IOException e) {
        return "unknown";
      }
    }

    @Override
    public String[] getVersion() {
      return new String[] {
        "krx-trader " + current(),
        "Java " + Runtime.version() + ", " + System.getProperty("os.name")
      };
    }
  }
}
