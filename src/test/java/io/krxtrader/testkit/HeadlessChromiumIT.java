package io.krxtrader.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The kit itself: a page served on loopback, its console errors, requests and a screenshot. */
class HeadlessChromiumIT {

  @Test
  void opens_a_page_reads_its_console_and_requests_and_saves_a_screenshot() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] page =
        ("<!DOCTYPE html><title>kit</title><p id=p>waiting</p><script>"
                + "setTimeout(() => { document.getElementById('p').textContent = 'ready'; }, 10);"
                + "console.error('deliberate error');</script>")
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          exchange.getResponseBody().write(page);
          exchange.close();
        });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    try (HeadlessChromium chromium = HeadlessChromium.start()) {
      chromium.driver().get(url);
      chromium.await(
          Duration.ofSeconds(30), d -> d.findElement(By.id("p")).getText().equals("ready"));
      assertThat(chromium.severeConsoleErrors()).anyMatch(m -> m.contains("deliberate error"));
      assertThat(chromium.requestedUrls()).contains(url);
      Path shot = chromium.screenshot("headless-chromium-kit");
      assertThat(Files.readAllBytes(shot)).startsWith(0x89, 'P', 'N', 'G');
    } finally {
      server.stop(0);
    }
  }
}
