package io.krxtrader.kis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every sample in ../shared/kis/samples goes through the client's own parsing code (failsafe sets
 * krx.shared.dir, by default ../shared beside the project; a worktree elsewhere overrides it).
 */
class KisSamplesIT {

  static final Path SAMPLES =
      Path.of(
              System.getProperty(
                  "krx.shared.dir", System.getProperty("krx.project.dir", ".") + "/../shared"))
          .resolve("kis/samples")
          .normalize();

  static String read(String name) throws Exception {
    return Files.readString(SAMPLES.resolve(name), StandardCharsets.UTF_8);
  }

  static Fields json(String name) throws Exception {
    return Fields.of(KisHttp.JSON.readTree(read(name)));
  }

  @Test
  void every_sample_file_is_covered_by_this_test() throws Exception {
    try (Stream<Path> files = Files.list(SAMPLES)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("SOURCES.md")))
          .hasSize(20);
    }
  }

  @Test
  void oauth_samples_parse() throws Exception {
    Fields token = json("auth_tokenP_response__official_doc_example.json");
    assertThat(token.trimmed("access_token")).startsWith("eyJ");
    assertThat(token.trimmed("access_token_token_expired")).isEqualTo("2023-12-22 08:16:59");
    assertThat(token.longValue("expires_in")).isEqualTo(86_400);
    KisHttp.Answer issued =
        new KisHttp.Answer(
            200,
            "",
            KisHttp.JSON.readTree(read("auth_tokenP_response__official_doc_example.json")));
    assertThat(issued.error(false)).as("token endpoints answer success without rt_cd").isEmpty();
    assertThat(issued.error(true)).as("API answers always carry rt_cd").isPresent();
    assertThat(json("auth_Approval_response__official_doc_example.json").trimmed("approval_key"))
        .hasSize(35);
    assertThat(json("auth_revokeP_response__official_doc_example.json").longValue("code"))
        .isEqualTo(200);
    assertThat(json("auth_hashkey_response__official_doc_example.json").trimmed("HASH"))
        .hasSize(64);
  }

  @Test
  void account_samples_parse_to_exact_numbers() throws Exception {
    Fields balance = json("inquire_balance_TTTC8434R__official_doc_example.json");
    List<Fields> rows = balance.list("output1");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).decimal("pchs_avg_pric"))
        .isEqualByComparingTo(new BigDecimal("135440.2517"));
    assertThat(rows.get(0).longValue("HLDG_QTY")).isEqualTo(1657);
    assertThat(balance.object("output2").orElseThrow().longValue("tot_evlu_amt"))
        .isEqualTo(2_106_055);
    assertThat(balance.text("ctx_area_fk100")).hasSize(100);
    Fields daily = json("inquire_daily_ccld__official_doc_example.json");
    assertThat(daily.list("output1").get(0).longValue("rjct_qty")).isEqualTo(10);
    assertThat(daily.object("output2").orElseThrow().decimal("pchs_avg_pric"))
        .isEqualByComparingTo("0");
    assertThat(
            json("inquire_psbl_order_TTTC8908R__official_doc_example.json")
                .object("output")
                .orElseThrow()
                .longValue("nrcvb_buy_qty"))
        .isEqualTo(1531);
    assertThat(
            json("inquire_psbl_sell_TTTC8408R__official_doc_example.json")
                .object("output")
                .orElseThrow()
                .longValue("ord_psbl_qty"))
        .isEqualTo(1744);
    assertThat(
            json("inquire_psbl_rvsecncl__official_doc_example.json")
                .list("output")
                .get(0)
                .longValue("psbl_qty"))
        .isEqualTo(1);
  }

  @Test
  void order_samples_have_upper_case_outputs_read_case_insensitively() throws Exception {
    for (String name :
        List.of(
            "order_cash__official_doc_example.json", "order_rvsecncl__official_doc_example.json")) {
      Fields out = json(name).object("output").orElseThrow();
      assertThat(new OrderNumber(out.trimmed("odno")).value()).hasSize(10);
      assertThat(out.trimmed("krx_fwdg_ord_orgno")).isEqualTo("06010");
    }
  }

  @Test
  void recorded_error_bodies_map_to_typed_errors() throws Exception {
    List<String> bodies =
        read("errors__recorded.txt").lines().filter(l -> l.startsWith("{")).toList();
    assertThat(bodies).hasSizeGreaterThanOrEqualTo(10);
    for (String body : bodies) {
      Optional<KisError> error =
          new KisHttp.Answer(500, "", KisHttp.JSON.readTree(body)).error(true);
      assertThat(error).isPresent();
      assertThat(error.get().msgCd()).isNotBlank();
    }
    KisError throttled =
        new KisHttp.Answer(403, "", KisHttp.JSON.readTree(bodies.get(2))).error(true).orElseThrow();
    assertThat(throttled.msgCd()).isEqualTo("EGW00133");
    assertThat(
            new KisHttp.Answer(500, "", KisHttp.JSON.readTree(bodies.get(0)))
                .error(true)
                .orElseThrow()
                .rateLimited())
        .isTrue();
    assertThat(
            new KisHttp.Answer(500, "", KisHttp.JSON.readTree(bodies.get(3)))
                .error(true)
                .orElseThrow()
                .tokenRejected())
        .isTrue();
  }

  @Test
  void websocket_payload_samples_parse_by_index() throws Exception {
    String trade = read("ws_H0STCNT0__official_doc_example_payload.txt").strip();
    TradeTick tick =
        StreamFrames.trade(
            StreamFrames.records(trade, 1, StreamFrames.TRADE_FIELDS).get(0), Instant.EPOCH);
    assertThat(tick.price()).isEqualTo(71_900);
    assertThat(tick.change()).isEqualTo(-100);
    assertThat(tick.volume()).isEqualTo(1);
    assertThat(tick.date()).hasToString("2023-06-12");
    String twoRecords = trade + "^" + trade;
    assertThat(StreamFrames.records(twoRecords, 2, StreamFrames.TRADE_FIELDS)).hasSize(2);
    String withExtraField = trade + "^EXTRA";
    assertThat(
            StreamFrames.trade(
                    StreamFrames.records(withExtraField, 1, StreamFrames.TRADE_FIELDS).get(0),
                    Instant.EPOCH)
                .price())
        .isEqualTo(71_900);
    String book = read("ws_H0STASP0__official_doc_example_payload.txt").strip();
    QuoteTick quote =
        StreamFrames.quote(
            StreamFrames.records(book, 1, StreamFrames.QUOTE_FIELDS).get(0), Instant.EPOCH);
    assertThat(quote.book().bestAsk()).isEqualTo(71_900);
    assertThat(quote.book().bestBid()).isEqualTo(71_800);
    assertThat(quote.book().asks()).hasSize(10);
  }

  @Test
  void the_old_notice_layout_parses() throws Exception {
    List<String> lines =
        read("ws_H0STCNI0__official_doc_example_decrypted.txt")
            .lines()
            .filter(l -> !l.startsWith("#"))
            .toList();
    assertThat(lines).hasSize(2);
    ExecutionNotice accept =
        StreamFrames.notice(
            StreamFrames.records(lines.get(0), 1, StreamFrames.OLD_NOTICE_FIELDS).get(0),
            Instant.EPOCH);
    assertThat(accept.fill()).isFalse();
    assertThat(accept.symbol().code()).isEqualTo("136480");
    ExecutionNotice fill =
        StreamFrames.notice(
            StreamFrames.records(lines.get(1), 1, StreamFrames.OLD_NOTICE_FIELDS).get(0),
            Instant.EPOCH);
    assertThat(fill.fill()).isTrue();
    assertThat(fill.price()).isEqualTo(3_190);
    assertThat(fill.quantity()).isEqualTo(1);
  }

  /**
   * A known answer made outside Java, so that the client and the simulator (which share {@link
   * NoticeCipher}) cannot agree on a scheme KIS does not use. The key and iv are the official ack
   * sample's; the plain text is the sample fill notice. Made with:
   *
   * <pre>
   * printf '%s' "$FILL_LINE" | openssl enc -aes-256-cbc \
   *   -K 6162636465666768696a6b6c6d6e6f706162636465666768696a6b6c6d6e6f70 \
   *   -iv 30313233343536373839616263646566 -base64 -A
   * </pre>
   */
  @Test
  void a_notice_encrypted_by_openssl_decrypts_with_the_key_and_iv_of_the_ack() throws Exception {
    StreamFrames.Control ack =
        StreamFrames.control(read("ws_subscribe_ack__official_doc_example.json"));
    String ciphertext =
        "xsMoYyDTWbGs63kmP1nFy6qsvHuihYnTjKDkKTLy1mKvdVLUuzRlVVL/IrznuuY1cjWPCg+tXCeNcomSkd/6dNKV"
            + "vF8bFEjjpiakYCwRsdy6MtcURNYpvgT61gE7OXohSuU+diYPXEJFSvjzBQEs/ppNtkqWUpyeyJwF6fyuGRuQ"
            + "bXRiQDOY5WFN/2jHqFAn";
    String fill =
        read("ws_H0STCNI0__official_doc_example_decrypted.txt")
            .lines()
            .filter(l -> !l.startsWith("#"))
            .toList()
            .get(1);
    assertThat(NoticeCipher.decrypt(ciphertext, ack.key(), ack.iv())).isEqualTo(fill);
  }

  @Test
  void control_and_other_frames_are_recognised() throws Exception {
    StreamFrames.Control ack =
        StreamFrames.control(read("ws_subscribe_ack__official_doc_example.json"));
    assertThat(ack.ok()).isTrue();
    assertThat(ack.released()).isFalse();
    assertThat(ack.pingpong()).isFalse();
    assertThat(ack.trId()).isEqualTo("H0STCNT0");
    assertThat(ack.trKey()).isEqualTo("005930");
    assertThat(ack.key()).hasSize(32);
    assertThat(ack.iv()).hasSize(16);
    JsonNode sample =
        KisHttp.JSON.readTree(read("ws_subscribe_request__official_doc_example.json"));
    assertThat(
            KisHttp.JSON.readTree(
                KisStream.request(
                    sample.path("header").path("approval_key").asText(),
                    "1",
                    "H0STCNT0",
                    "005930")))
        .isEqualTo(sample);
    List<String> control =
        read("ws_control_frames__recorded.txt").lines().filter(l -> l.startsWith("{")).toList();
    assertThat(control).hasSize(2);
    assertThat(StreamFrames.control(control.get(0)).pingpong()).isTrue();
    StreamFrames.Control inUse = StreamFrames.control(control.get(1));
    assertThat(inUse.ok()).isFalse();
    assertThat(inUse.msgCd()).isEqualTo("OPSP8996");
    assertThat(inUse.hasKey()).isFalse();
    List<String> frames =
        read("ws_other_domestic_frames__official_doc_examples.txt")
            .lines()
            .filter(l -> l.startsWith("0|"))
            .toList();
    assertThat(frames).hasSize(5);
    for (String frame : frames) {
      StreamFrames.Frame parsed = StreamFrames.frame(frame);
      assertThat(parsed.count()).isEqualTo(1);
      assertThat(StreamFrames.records(parsed.payload(), parsed.count(), 1)).hasSize(1);
    }
  }

  @Test
  void the_naver_sample_parses_with_signed_change() throws Exception {
    JsonNode root =
        KisHttp.JSON.readTree(
            read("naver_polling_domestic_stock__recorded_trimmed_2026-08-20.json"));
    NaverQuote quote =
        NaverPolling.parse(Fields.of(root.path("datas").get(0)), Instant.EPOCH).orElseThrow();
    assertThat(quote.price()).isEqualTo(268_500);
    assertThat(quote.previousClose()).isEqualTo(247_500);
    assertThat(quote.volume()).isEqualTo(14_990_890);
    assertThat(quote.tradedValue()).isEqualTo(3_964_004_000_000L);
    assertThat(quote.tradedAt()).isPresent();
  }
}
