package io.krxtrader.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every configuration value krx-trader reads, layered: command-line flags win over environment
 * variables, which win over the config file, which wins over the defaults in code.
 *
 * <p>Key {@code db.pool-size} is environment variable {@code KRX_DB_POOL_SIZE} (prefix {@code
 * KRX_}, upper case, {@code .} and {@code -} become {@code _}). Typed getters validate once and
 * fail with a {@link ConfigException} that names the key, the value, where it came from and the
 * expected form.
 *
 * <p>Secrets ({@link #secret}) are read only from the environment or from an owner-only secrets
 * file, never from the config file or flags, and are never echoed in an error.
 */
public final class Settings {

  /** Key of the secrets file: a properties file readable by its owner only. */
  public static final String SECRETS_FILE_KEY = "secrets-file";

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final Map<String, Value> flags;
  private final Map<String, Value> file;
  private final Map<String, String> environment;
  private final Set<String> read = ConcurrentHashMap.newKeySet();

  private Settings(
      Map<String, Value> flags, Map<String, Value> file, Map<String, String> environment) {
    this.flags = flags;
    this.file = file;
    this.environment = environment;
  }

  /** One raw value and where it came from, for error messages. */
  record Value(String raw, String source) {}

  /**
   * @param configFile the config file, if any; a missing file is an error only if it was named
   *     explicitly ({@code required})
   * @param environment the process environment (only {@code KRX_*} variables are consulted)
   * @param flags key/value pairs from the command line
   */
  public static Settings load(
      Optional<Path> configFile,
      boolean required,
      Map<String, String> environment,
      Map<String, String> flags) {
    Map<String, Value> fileValues = Map.of();
    if (configFile.isPresent()) {
      Path path = configFile.get();
      if (Files.exists(path)) {
        fileValues = KeyValueFile.read(path, "config file");
      } else if (required) {
        throw new ConfigException("config file not found [file=" + path + "]");
      }
    }
    Map<String, Value> flagValues = new LinkedHashMap<>();
    flags.forEach(
        (key, raw) -> flagValues.put(key, new Value(raw, "command-line option for " + key)));
    return new Settings(flagValues, fileValues, Map.copyOf(environment));
  }

  /** Settings from flags only: for tests and embedded use. */
  public static Settings of(Map<String, String> values) {
    return load(Optional.empty(), false, Map.of(), values);
  }

  public static String environmentVariable(String key) {
    return "KRX_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The raw value of a key, from the strongest layer that has it. */
  public Optional<String> raw(String key) {
    return lookup(key).map(Value::raw);
  }

  public String string(String key, String fallback) {
    return raw(key).map(String::strip).filter(s -> !s.isEmpty()).orElse(fallback);
  }

  public Optional<String> optionalString(String key) {
    return raw(key).map(String::strip).filter(s -> !s.isEmpty());
  }

  public int integer(String key, int fallback, int min, int max) {
    return parse(
        key,
        fallback,
        raw -> {
          int value = Integer.parseInt(raw);
          if (value < min || value > max) {
            throw new IllegalArgumentException();
          }
          return value;
        },
        "an integer from " + min + " to " + max);
  }

  /** An exact decimal from {@code min} to {@code max} (percentages, ratios). */
  public BigDecimal decimal(String key, BigDecimal fallback, BigDecimal min, BigDecimal max) {
    return parse(
        key,
        fallback,
        raw -> {
          BigDecimal value = new BigDecimal(raw);
          if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException();
          }
          return value;
        },
        "a decimal number from " + min.toPlainString() + " to " + max.toPlainString());
  }

  /** A time of day, {@code HH:MM} or {@code HH:MM:SS} (KST by the caller's convention). */
  public LocalTime time(String key, LocalTime fallback) {
    return parse(key, fallback, LocalTime::parse, "a KST time such as 15:00");
  }

  public long longValue(String key, long fallback, long min, long max) {
    return parse(
        key,
        fallback,
        raw -> {
          long value = Long.parseLong(raw);
          if (value < min || value > max) {
            throw new IllegalArgumentException();
          }
          return value;
        },
        "an integer from " + min + " to " + max);
  }

  /**
   * A duration written {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601.
   */
  public Duration duration(String key, Duration fallback, Duration min, Duration max) {
    return parse(
        key,
        fallback,
        raw -> {
          Duration value = parseDuration(raw);
          if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException();
          }
          return value;
        },
        "a duration from " + min + " to " + max + " such as 500ms, 5s, 2m, 1h or PT5S");
  }

  /** A path; a leading {@code ~} is the user's home directory. */
  public Path path(String key, Path fallback) {
    return parse(key, fallback, Settings::expandHome, "a file system path");
  }

  public <E extends Enum<E>> E oneOf(String key, Class<E> type, E fallback) {
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return parse(
        key,
        fallback,
        raw -> Enum.valueOf(type, raw.toUpperCase(Locale.ROOT).replace('-', '_')),
        "one of " + String.join(", ", names));
  }

  /**
   * A secret from environment variable {@code KRX_<KEY>} or from the secrets file (key {@value
   * #SECRETS_FILE_KEY}, default {@code secretsFileDefault}), which must be readable by its owner
   * only. A secret in the config file or on the command line is refused: both end up in shell
   * history, backups and process listings.
   */
  public Optional<Secret> secret(String key, Path secretsFileDefault) {
    read.add(key);
    Value misplaced = flags.containsKey(key) ? flags.get(key) : file.get(key);
    if (misplaced != null) {
      throw new ConfigException(
          "a secret must not be set in the "
              + misplaced.source()
              + " [key="
              + key
              + ", expected=environment variable "
              + environmentVariable(key)
              + " or the owner-only secrets file]");
    }
    String fromEnvironment = environment.get(environmentVariable(key));
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Optional.of(Secret.of(fromEnvironment.strip()));
    }
    Path secretsFile = path(SECRETS_FILE_KEY, secretsFileDefault);
    if (!Files.exists(secretsFile)) {
      return Optional.empty();
    }
    requireOwnerOnly(secretsFile);
    Value value = KeyValueFile.read(secretsFile, "secrets file").get(key);
    return value == null || value.raw().isBlank()
        ? Optional.empty()
        : Optional.of(Secret.of(value.raw().strip()));
  }

  /**
   * Fails on keys given in the config file or on the command line that no config record read: a
   * typo must not silently fall back to a default. Call after every config record is built.
   */
  public void rejectUnknownKeys() {
    Set<String> unknown = new TreeSet<>();
    List<String> sources = new ArrayList<>();
    for (Map<String, Value> layer : List.of(flags, file)) {
      layer.forEach(
          (key, value) -> {
            if (!read.contains(key) && unknown.add(key)) {
              sources.add(key + " (" + value.source() + ")");
            }
          });
    }
    if (!unknown.isEmpty()) {
      throw new ConfigException(
          "unknown configuration key [keys=" + String.join(", ", sources) + "]");
    }
  }

  private Optional<Value> lookup(String key) {
    read.add(key);
    Value flag = flags.get(key);
    if (flag != null) {
      return Optional.of(flag);
    }
    String variable = environmentVariable(key);
    String fromEnvironment = environment.get(variable);
    if (fromEnvironment != null) {
      return Optional.of(new Value(fromEnvironment, "environment variable " + variable));
    }
    return Optional.ofNullable(file.get(key));
  }

  private <T> T parse(String key, T fallback, Function<String, T> parser, String expected) {
    Optional<Value> value = lookup(key);
    if (value.isEmpty() || value.get().raw().isBlank()) {
      return fallback;
    }
    String raw = value.get().raw().strip();
    try {
      return parser.apply(raw);
    } catch (RuntimeException e) {
      throw new ConfigException(
          "invalid configuration value [key="
              + key
              + ", value="
              + raw
              + ", source="
              + value.get().source()
              + ", expected="
              + expected
              + "]");
    }
  }

  /**
   * A duration as {@link #duration} reads it ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h},
   * {@code 1d} or ISO-8601); {@link IllegalArgumentException} if it is neither. For the command
   * line's duration options, which must name the option rather than a configuration key.
   */
  public static Duration parseDuration(String raw) {
    Matcher matcher = DURATION.matcher(raw.toLowerCase(Locale.ROOT));
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      return Duration.parse(raw.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Path expandHome(String raw) {
    if (raw.equals("~")) {
      return Path.of(System.getProperty("user.home"));
    }
    if (raw.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"), raw.substring(2));
    }
    return Path.of(raw);
  }

  private static void requireOwnerOnly(Path file) {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return; // not a POSIX file system: the platform's ACLs are the user's business
    } catch (IOException e) {
      throw new ConfigException("cannot read the secrets file [file=" + file + "]", e);
    }
    Set<PosixFilePermission> others =
        EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);
    others.retainAll(permissions);
    if (!others.isEmpty()) {
      throw new ConfigException(
          "the secrets file must be readable by its owner only [file="
              + file
              + ", fix=chmod 600 "
              + file
              + "]");
    }
  }
}
