package io.krxtrader.db;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A separate JVM that owns an embedded server, for the tests of crash recovery and of a second
 * process joining: prints "ready <port>", then runs until "stop" arrives on stdin (or it is
 * killed).
 */
public final class EmbeddedServerProcess {

  private EmbeddedServerProcess() {}

  public static void main(String[] args) throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0, false)) {
      System.out.println("ready " + server.port());
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null && !line.equals("stop")) {
        // keep running
      }
    }
  }
}
