package io.krxtrader.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.krxtrader.krx.Symbol;
import io.krxtrader.krx.TradingCalendar;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * How the API writes JSON: field names in snake case with the modules' abbreviations spelled out
 * ({@code qty} becomes {@code quantity}, {@code avg} {@code average}, {@code ts} {@code time}),
 * instants as KST ISO-8601 with the offset ({@code 2026-12-03T09:00:00+09:00}), an empty Optional
 * as null, a symbol as its code and money as the exact decimal.
 */
final class Json {

  /** A word in a record component's name -> the full word(s) the API uses. */
  private static final Map<String, String> FULL_WORDS =
      Map.ofEntries(
          Map.entry("qty", "quantity"),
          Map.entry("avg", "average"),
          Map.entry("ts", "time"),
          Map.entry("pct", "percent"),
          Map.entry("pnl", "profit_and_loss"),
          Map.entry("hwm", "high_water_mark"),
          Map.entry("ms", "milliseconds"),
          Map.entry("msg", "message"),
          Map.entry("cd", "code"),
          Map.entry("ws", "websocket"));

  static final DateTimeFormatter KST_TIME =
      DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(TradingCalendar.KST);

  static final ObjectMapper MAPPER = mapper();

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** A Java name in the API's form: {@code positionQty} -> {@code position_quantity}. */
  static String fieldName(String javaName) {
    String snake = PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(javaName);
    return Arrays.stream(snake.split("_"))
        .map(word -> FULL_WORDS.getOrDefault(word, word))
        .collect(Collectors.joining("_"));
  }

  private static ObjectMapper mapper() {
    SimpleModule module = new SimpleModule("krx-trader-web");
    module.addSerializer(Instant.class, serializer((v, g) -> g.writeString(KST_TIME.format(v))));
    module.addSerializer(LocalDate.class, serializer((v, g) -> g.writeString(v.toString())));
    module.addSerializer(LocalTime.class, serializer((v, g) -> g.writeString(v.toString())));
    module.addSerializer(Duration.class, serializer((v, g) -> g.writeNumber(v.toMillis())));
    module.addSerializer(Symbol.class, serializer((v, g) -> g.writeString(v.code())));
    module.addSerializer(
        OptionalLong.class,
        serializer(
            (v, g) -> {
              if (v.isPresent()) {
                g.writeNumber(v.getAsLong());
              } else {
                g.writeNull();
              }
            }));
    module.addSerializer(
        OptionalInt.class,
        serializer(
            (v, g) -> {
              if (v.isPresent()) {
                g.writeNumber(v.getAsInt());
              } else {
                g.writeNull();
              }
            }));
    module.addSerializer(
        OptionalDouble.class,
        serializer(
            (v, g) -> {
              if (v.isPresent()) {
                g.writeNumber(v.getAsDouble());
              } else {
                g.writeNull();
              }
            }));
    @SuppressWarnings({"rawtypes", "unchecked"})
    Class<Optional<?>> optional = (Class) Optional.class;
    module.addSerializer(
        optional,
        new JsonSerializer<Optional<?>>() {
          @Override
          public void serialize(Optional<?> value, JsonGenerator g, SerializerProvider provider)
              throws IOException {
            if (value.isPresent()) {
              provider.defaultSerializeValue(value.get(), g);
            } else {
              g.writeNull();
            }
          }

          @Override
          public boolean isEmpty(SerializerProvider provider, Optional<?> value) {
            return false;
          }
        });
    ObjectMapper mapper = new ObjectMapper();
    mapper.registerModule(module);
    mapper.setPropertyNamingStrategy(
        new PropertyNamingStrategies.NamingBase() {
          @Override
          public String translate(String name) {
            return fieldName(name);
          }
        });
    mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    return mapper;
  }

  private interface Writer<T> {
    void write(T value, JsonGenerator generator) throws IOException;
  }

  private static <T> JsonSerializer<T> serializer(Writer<T> writer) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T value, JsonGenerator g, SerializerProvider provider)
          throws IOException {
        writer.write(value, g);
      }
    };
  }
}
