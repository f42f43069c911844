package io.krxtrader.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, for checking what the simulator puts on the wire: the response head
 * is kept as the bytes arrived (header names in their case, in their order), which no
 * case-insensitive HTTP client can show. Requests carry {@code Connection: close}; the body is read
 * by {@code Content-Length}.
 */
final class RawHttp {

  /** One header line as it arrived. */
  record Header(String name, String value) {}

  /** A response: status, the head's header lines in wire order, and the body. */
  record Response(int status, String head, List<Header> headers, String body) {

    List<String> names() {
      return headers.stream().map(Header::name).toList();
    }

    /**
     * The value of the header named exactly {@code name} (case-sensitive, as a client reads it).
     */
    Optional<String> exactly(String name) {
      return headers.stream().filter(h -> h.name().equals(name)).map(Header::value).findFirst();
    }

    JsonNode json() {
      try {
        return Reply.JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  private final URI base;

  RawHttp(URI base) {
    this.base = base;
  }

  Response get(String pathAndQuery, Map<String, String> headers) {
    return exchange("GET", pathAndQuery, headers, "");
  }

  Response post(String path, Map<String, String> headers, String body) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("content-type", "application/json; charset=utf-8");
    return exchange("POST", path, all, body);
  }

  Response exchange(String method, String target, Map<String, String> headers, String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    request
        .append("Host: ")
        .append(base.getHost())
        .append(':')
        .append(base.getPort())
        .append("\r\n");
    headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    if (method.equals("POST")) {
      request.append("Content-Length: ").append(content.length).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.write(content);
      out.flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("raw HTTP exchange failed [target=" + target + "]", e);
    }
  }

  private static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed inside the response head: " + head);
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    String[] lines = text.substring(0, text.length() - 4).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    List<Header> headers = new ArrayList<>();
    int length = -1;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      Header header =
          new Header(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip());
      headers.add(header);
      if (header.name().equalsIgnoreCase("Content-Length")) {
        length = Integer.parseInt(header.value());
      }
    }
    byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
    return new Response(status, text, headers, new String(body, StandardCharsets.UTF_8));
  }
}
